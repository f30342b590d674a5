/**
 * The rendered fluentd configuration is valid fluentd syntax: it parses with
 * a parser written after fluentd's own, every directive is closed, every
 * parameter is one its plugin documents, `@type` is on every source, filter,
 * match and buffer, and values survive quoting unchanged.
 */
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { quoteString, renderValue } from '../../src/observability/fluentd/config';
import { FluentdElement, parseFluentdConfig, walk } from '../support/fluentd-config';
import { checkFluentdConfig } from '../support/fluentd-check';
import { fixtureFiles, fixturePlatform } from '../support/platform';

const configs = [...fixtureFiles()]
  .filter(([p]) => p.endsWith('/platform/logging/configmap-fluentd-config.yaml'))
  .map(([p, text]) => [p, (parse(text) as { data: Record<string, string> }).data['fluent.conf']] as const);

describe('the fluentd configuration of the fixture organisation', () => {
  test('is rendered for every cluster', () => {
    expect(configs.map(([p]) => p.split('/')[1]).sort()).toEqual(fixturePlatform().clusters.map((c) => c.name).sort());
  });

  test.each(configs)('%s parses, with only documented plugins, parameters and sections', (_path, text) => {
    const root = parseFluentdConfig(text);
    expect(checkFluentdConfig(root)).toEqual([]);
  });

  test.each(configs)('%s puts @type on every source, filter, match, buffer, parse and format', (_path, text) => {
    const untyped: string[] = [];
    walk(parseFluentdConfig(text), (e) => {
      if (['source', 'filter', 'match', 'buffer', 'parse', 'format', 'storage'].includes(e.name) && !e.params['@type']) untyped.push(`${e.name} line ${e.line}`);
    });
    expect(untyped).toEqual([]);
  });

  test.each(configs)('%s reads every credential from the environment, never a literal', (_path, text) => {
    const root = parseFluentdConfig(text);
    const literal: string[] = [];
    walk(root, (e) => {
      for (const key of ['password', 'user', 'hec_token', 'aws_key_id', 'aws_sec_key', 'username']) {
        const v = e.params[key];
        if (v !== undefined && !/^\$\{ENV:FLUENTD_[A-Z0-9_]+\}$/.test(v)) literal.push(`${e.name} line ${e.line}: ${key}`);
      }
    });
    expect(literal).toEqual([]);
  });

  test.each(configs)('%s gives every output its own file buffer with retry and overflow settings', (_path, text) => {
    const outputs: FluentdElement[] = [];
    walk(parseFluentdConfig(text), (e) => {
      if (e.name === 'match' && !['rewrite_tag_filter', 'stdout'].includes(e.params['@type'])) outputs.push(e);
    });
    expect(outputs.length).toBeGreaterThan(4);
    const paths = new Set<string>();
    for (const o of outputs) {
      const buffer = o.children.find((c) => c.name === 'buffer');
      expect(buffer?.params).toMatchObject({ '@type': 'file', 'retry_type': 'exponential_backoff', 'overflow_action': expect.any(String), 'total_limit_size': expect.any(String) });
      expect(buffer!.params.retry_forever ?? buffer!.params.retry_max_times).toBeDefined();
      paths.add(buffer!.params.path);
    }
    expect(paths.size).toBe(outputs.length);
  });
});

describe('quoting', () => {
  test('any one-line string reads back unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }).filter((s) => !/[\r\n]/.test(s)), (value) => {
      const root = parseFluentdConfig(`<source>\n  @type tail\n  path ${quoteString(value)}\n</source>\n`);
      expect(root.children[0].params.path).toBe(value);
    }), { numRuns: 500 });
  });

  test('text that looks like Ruby, JSON or a comment stays text', () => {
    for (const value of ["#{File.read('/etc/shadow')}", '["a"]', '{"a":1}', 'a # not a comment', "it's", '\\A\\z', ' padded ', '']) {
      const root = parseFluentdConfig(`<source>\n  @type tail\n  path ${renderValue(value)}\n</source>\n`);
      expect(root.children[0].params.path).toBe(value);
      expect(root.children[0].envRefs).toEqual([]);
    }
  });

  test('environment references are the only embedded code', () => {
    const root = parseFluentdConfig(`<match a>\n  @type stdout\n  output_type ${renderValue({ env: 'FLUENTD_X' })}\n</match>\n`);
    expect(root.children[0].envRefs).toEqual(['FLUENTD_X']);
    expect(() => renderValue({ env: "X']}#{system('id')" })).toThrow(/not an environment variable name/);
  });

  test('line breaks are refused', () => {
    expect(() => quoteString('a\nb')).toThrow(/one line/);
  });
});

describe('the parser itself', () => {
  test('rejects an unclosed directive', () => {
    expect(() => parseFluentdConfig('<match a>\n  @type stdout\n')).toThrow(/expected end tag '<\/match>'/);
  });

  test('rejects a mismatched end tag', () => {
    expect(() => parseFluentdConfig('<match a>\n  @type stdout\n</filter>\n')).toThrow(/unmatched end tag/);
  });

  test('rejects embedded Ruby other than ENV', () => {
    expect(() => parseFluentdConfig('<match a>\n  @type stdout\n  x "#{`id`}"\n</match>\n')).toThrow(/embedded Ruby/);
  });

  test('rejects an unknown @ parameter in a plugin directive', () => {
    expect(() => parseFluentdConfig('<match a>\n  @typo stdout\n</match>\n')).toThrow(/reserved prefix/);
  });

  test('the checker flags unknown parameters, sections and missing @type', () => {
    const root = parseFluentdConfig([
      '<match a.**>', '  @type elasticsearch', '  hots example.com', '  <buffer>', '    @type file', '    retry_max_time 3', '  </buffer>', '</match>',
      '<filter b>', '  key_name log', '</filter>',
    ].join('\n'));
    expect(checkFluentdConfig(root)).toEqual([
      '<match a.**> (line 1): unknown parameter hots',
      '<buffer> (line 4): unknown parameter retry_max_time',
      '<filter b> (line 9): missing @type',
    ]);
  });
});
