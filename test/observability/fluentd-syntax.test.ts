/**
 * The rendered fluentd configuration is valid fluentd syntax: it parses with
 * a parser written after fluentd's own, every directive is closed, every
 * parameter is one its plugin documents, `@type` is on every source, filter,
 * match and buffer, and values survive quoting unchanged.
 */
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { directive, quoteString, renderCheckedConfig, renderValue } from '../../src/observability/fluentd/config';
import { FLUENTD_VERSION, PLUGINS } from '../../src/observability/fluentd/plugin-catalog';
import { FLUENTD_IMAGE } from '../../src/observability/fluentd/plugins';
import { allDestinations } from '../../src/observability/fluentd/routing';
import { clusterRoutingTable } from '../../src/observability/logging-component';
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

  test.each(configs)('%s gives every output its own file buffer with retry and overflow settings', (path, text) => {
    const outputs: FluentdElement[] = [];
    walk(parseFluentdConfig(text), (e) => {
      if (e.name === 'match' && !['rewrite_tag_filter', 'stdout'].includes(e.params['@type'])) outputs.push(e);
    });
    // One output section per destination of the cluster's routing table, no more, no fewer.
    const platform = fixturePlatform();
    const cluster = platform.clusters.find((c) => c.name === path.split('/')[1])!;
    expect(outputs.map((o) => o.params['@id']).sort()).toEqual(allDestinations(clusterRoutingTable(platform, cluster)).map((d) => d.id).sort());
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

describe('what fluentd 1.19.3 and the image\'s plugins refuse, the checker refuses', () => {
  const check = (lines: string[]) => checkFluentdConfig(parseFluentdConfig(lines.join('\n')));

  test('filter_grep merges every <and> of one filter: a key repeated across them is refused, as fluentd does ("Duplicate key in <and>")', () => {
    const and = (ns: string, log: string) => ['  <and>', '    <exclude>', '      key $.kubernetes.namespace_name', `      pattern /\\A${ns}\\z/`, '    </exclude>',
      '    <exclude>', '      key log', `      pattern /${log}/`, '    </exclude>', '  </and>'];
    // The noise filter every cluster rendered before: two exclusions as two <and> blocks of one filter.
    expect(check(['<filter kubernetes.**>', '  @type grep', ...and('ingress-nginx', 'kube-probe'), ...and('payments-prod', 'healthz'), '</filter>'])).toEqual([
      '<filter kubernetes.**> (line 1): Duplicate key in <and>: $.kubernetes.namespace_name',
      '<filter kubernetes.**> (line 1): Duplicate key in <and>: log',
    ]);
    expect(check(['<filter a>', '  @type grep', ...and('a', 'x'), '</filter>', '<filter a>', '  @type grep', ...and('b', 'y'), '</filter>'])).toEqual([]);
    expect(check(['<filter a>', '  @type grep', '  <or>', '    <regexp>', '      key a', '      pattern /x/', '    </regexp>',
      '    <exclude>', '      key b', '      pattern /y/', '    </exclude>', '  </or>', '</filter>'])).toEqual([
      '<or> (line 3): Do not specify both <regexp> and <exclude> in <or>',
    ]);
    expect(check(['<filter a>', '  @type grep', '  <exclude>', '    key a', '    pattern /x/', '  </exclude>',
      '  <or>', '    <exclude>', '      key a', '      pattern /y/', '    </exclude>', '  </or>', '</filter>'])).toEqual([
      '<filter a> (line 1): Duplicate key in <or>: a',
    ]);
  });

  test('parameters the pinned kubernetes_metadata release no longer has are refused, naming the release that removed them', () => {
    expect(check(['<filter kubernetes.**>', '  @type kubernetes_metadata', '  de_dot true', '  de_dot_separator _', '  watch true', '</filter>'])).toEqual([
      '<filter kubernetes.**> (line 1): parameter de_dot no longer exists in fluent-plugin-kubernetes_metadata_filter 3.8.0: removed in 3.0.0 (commit 4171b98, "Performance and deprecation refactorings"): pod and namespace label keys keep their dots and slashes',
      '<filter kubernetes.**> (line 1): parameter de_dot_separator no longer exists in fluent-plugin-kubernetes_metadata_filter 3.8.0: removed in 3.0.0 (commit 4171b98, "Performance and deprecation refactorings"): pod and namespace label keys keep their dots and slashes',
    ]);
  });

  test('parser parameters that are not declared by fluentd 1.19.3 (force_localtime) are refused', () => {
    expect(check(['<source>', '  @type tail', '  path /x', '  tag x', '  <parse>', '    @type json', '    force_localtime true', '  </parse>', '</source>'])).toEqual([
      '<parse> (line 5): unknown parameter force_localtime',
    ]);
  });

  test('buffer chunk keys and placeholders follow output.rb: bracket keys, time without timekey, placeholders that are not chunk keys', () => {
    const out = (arg: string, prefix: string, extra: string[] = []) => ['<match a>', '  @type elasticsearch', `  logstash_prefix ${prefix}`,
      `  <buffer ${arg}>`, '    @type file', ...extra, '  </buffer>', '</match>'];
    expect(check(out('log_scope', 'k8s-${log_scope}'))).toEqual([]);
    expect(check(out('tag', 'k8s-${tag[1]}'))).toEqual([]);
    expect(check(out('log_path', 'k8s-${log_scope}'))).toEqual(['<match a> (line 1): logstash_prefix has placeholder ${log_scope}, but it is not a chunk key (log_path)']);
    expect(check(out('log_scope', 'k8s-${tag}'))).toEqual(['<match a> (line 1): logstash_prefix has a tag placeholder, but chunk key \'tag\' is not configured']);
    expect(check(out('$["a"]', 'k8s'))).toEqual(['<buffer $["a"]> (line 4): in chunk_keys: bracket notation is not allowed ($["a"])']);
    expect(check(out('time', 'k8s'))).toEqual(['<buffer time> (line 4): <buffer ...> argument includes \'time\', but timekey is not configured']);
    expect(check(out('time', 'k8s', ['    timekey 1h']))).toEqual([]);
  });

  test('an S3 output with several flush threads needs a unique object key (fluent-plugin-s3 warns of lost objects)', () => {
    const s3 = (format: string) => ['<match a>', '  @type s3', `  s3_object_key_format ${format}`, '  <buffer time>', '    @type file', '    timekey 1h',
      '    flush_thread_count 2', '  </buffer>', '</match>'];
    expect(check(s3('%{path}%{time_slice}_%{index}.%{file_extension}'))).toEqual([
      '<match a> (line 1): s3_object_key_format has no ${chunk_id}, %{uuid_flush} or %{hex_random} with 2 flush threads: two flushes can write the same object',
    ]);
    expect(check(s3('%{path}%{time_slice}_%{index}_${chunk_id}.%{file_extension}'))).toEqual([]);
  });

  test('the renderer refuses to write a configuration the checker refuses', () => {
    const bad = directive('filter', 'kubernetes.**', { '@type': 'kubernetes_metadata', 'de_dot': true });
    expect(() => renderCheckedConfig([], [bad])).toThrow(/parameter de_dot no longer exists in fluent-plugin-kubernetes_metadata_filter 3\.8\.0/);
  });

  test('the tables describe the releases the pinned image ships (its Gemfile.lock), and name their source', () => {
    for (const [key, spec] of Object.entries(PLUGINS)) {
      expect([key, spec.source]).toEqual([key, expect.stringMatching(/ v?\d+\.\d+\.\d+ |commit [0-9a-f]{7}/)]);
      const shipped = FLUENTD_IMAGE.versions?.[spec.gem];
      if (FLUENTD_IMAGE.plugins.includes(spec.gem) || spec.gem === 'fluentd') expect([key, spec.version]).toEqual([key, shipped]);
    }
    expect(FLUENTD_VERSION).toBe(FLUENTD_IMAGE.versions?.fluentd);
  });
});
