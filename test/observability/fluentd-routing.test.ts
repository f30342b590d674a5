/**
 * Routing guarantees of the rendered fluentd configuration, checked as
 * properties over randomly generated tenants, outputs and routes: records are
 * routed by simulating fluentd on the RENDERED text (first matching <match>
 * wins; rewrite_tag_filter re-emits), and compared with what the definition
 * says.
 *
 * - every tenant record reaches exactly one output, the one its routes say;
 * - no record of a tenant reaches another tenant's output;
 * - platform namespaces go to the platform output, everything else to the
 *   catch-all, which is the last <match> of its label;
 * - audit events (file and webhook) reach the SIEM output in their own label.
 */
import * as fc from 'fast-check';
import { parseFluentdConfig } from '../support/fluentd-config';
import { checkFluentdConfig } from '../support/fluentd-check';
import { expandChunkPlaceholders, matchesFor, PodInfo, simulate, SimResult } from '../support/fluentd-router';
import { ALL_PLUGINS_IMAGE, fluentdConfigOf, loadTest, settingsWith, tenantDoc } from '../support/observability';
import { logPlatformNamespaces } from '../../src/observability/logging-component';
import { PlatformSpec } from '../../src/spec/model';

const TENANT_NAMES = ['a', 'a-b', 'b', 'pay', 'pay-ments', 'platform', 'default-x', 'unclassified', 'logs', 'x1'];
const OUTPUT_NAMES = ['logs', 'default', 'audit', 'es', 'platform', 'archive', 'p-1'];
const CONTAINERS = ['api', 'app', 'app-sidecar', 'worker', 'card-audit', 'fluentd'];
const LABEL_KEYS = ['app.kubernetes.io/component', 'tier', 'team'];
const LABEL_VALUES = ['indexer', 'web', 'batch', 'a', 'b'];

/** An output whose endpoint names its owner, so the test can tell whose it is from the rendered text. */
function outputArb(owner: string, name: string) {
  const host = `${name}.${owner}.example.com`;
  return fc.constantFrom(
    { type: 'elasticsearch', host, indexPrefix: 'es' },
    { type: 'opensearch', host, indexPrefix: 'os' },
    { type: 'splunk', host, token: { key: 'hec', property: 'token' } },
    { type: 'loki', url: `https://${host}/loki` },
    { type: 's3', bucket: `${name}.${owner}.example.com`.slice(0, 63).replace(/\.$/, ''), region: 'eu-west-1' },
  );
}

const matchArb = fc.oneof(
  fc.record({ containers: fc.uniqueArray(fc.constantFrom(...CONTAINERS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ podLabel: fc.record({ key: fc.constantFrom(...LABEL_KEYS), values: fc.uniqueArray(fc.constantFrom(...LABEL_VALUES), { minLength: 1, maxLength: 2 }) }) }),
);

const tenantArb = (name: string) => fc.uniqueArray(fc.constantFrom(...OUTPUT_NAMES), { maxLength: 3 }).chain((outs) => fc.record({
  outputs: fc.tuple(...outs.map((o) => outputArb(name, o))).map((list) => Object.fromEntries(outs.map((o, i) => [o, list[i]]))),
  default: outs.length > 0 ? fc.option(fc.constantFrom(...outs), { nil: undefined }) : fc.constant(undefined),
  routes: outs.length > 0 ? fc.array(fc.record({ match: matchArb, output: fc.constantFrom(...outs) }), { maxLength: 4 }) : fc.constant([]),
  logging: fc.boolean(),
})).map((l) => ({ name, logging: l.logging || l.routes.length > 0 || l.default ? { outputs: l.outputs, default: l.default, routes: l.routes } : undefined }));

const platformArb = fc.uniqueArray(fc.constantFrom(...TENANT_NAMES), { minLength: 1, maxLength: 5 })
  .chain((names) => fc.tuple(...names.map(tenantArb)))
  .chain((tenants) => fc.record({
    tenants: fc.constant(tenants),
    platformOutput: outputArb('platform', 'logs'),
    siemOutput: outputArb('platform', 'siem'),
  }));

function build(p: fc.Arbitrary<unknown> extends never ? never : { tenants: { name: string; logging?: unknown }[]; platformOutput: unknown; siemOutput: unknown }): PlatformSpec {
  return loadTest(settingsWith({
    logging: {
      image: ALL_PLUGINS_IMAGE,
      outputs: { logs: p.platformOutput as never, siem: p.siemOutput as never },
      destinations: { platform: 'logs', audit: 'siem', tenantDefault: 'logs', catchAll: 'logs' },
      bufferDiskLimit: '1t',
    },
  }), p.tenants.map((t) => tenantDoc(t.name, t.logging ? { logging: t.logging } : {})));
}

/** Owner and scope of the destination a record reached: the owner from the output's endpoint, the scope from what it writes for the record. */
function identify(r: SimResult): { owner: string; scope: string } {
  const out = r.output!;
  const p = out.params;
  const endpoint = p.host ?? p.hec_host ?? p.url?.replace(/^https:\/\//, '') ?? p.s3_bucket;
  const owner = /^[^.]+\.([^.]+)\.example\.com/.exec(endpoint)![1];
  let scope: string;
  switch (p['@type']) {
    case 'elasticsearch':
    case 'opensearch': scope = expandChunkPlaceholders(p.logstash_prefix, r.record).replace(/^(es|os)-/, ''); break;
    case 'splunk_hec': scope = String(r.record[p.index_key]).replace(/^k8s-/, ''); break;
    case 'loki': scope = expandChunkPlaceholders(`\${${out.children.find((c) => c.name === 'label')!.params.scope}}`, r.record); break;
    case 's3': scope = expandChunkPlaceholders(p.path, r.record).replace(/^logs\//, '').replace(/\/$/, '').replace('/', '_'); break;
    default: throw new Error(`unexpected output ${p['@type']}`);
  }
  return { owner, scope };
}

/** What the definition says a record of `pod` should reach. */
function expected(platform: PlatformSpec, pod: PodInfo): { owner: string; scope: string } {
  const tenant = platform.tenants.find((t) => `${t.metadata.name}-prod` === pod.namespace);
  if (!tenant) {
    return logPlatformNamespaces(platform).includes(pod.namespace)
      ? { owner: 'platform', scope: 'platform' } : { owner: 'platform', scope: 'unclassified' };
  }
  const name = tenant.metadata.name;
  const l = tenant.spec.logging;
  const route = l?.routes.find((r) => ('containers' in r.match
    ? r.match.containers.includes(pod.container)
    : r.match.podLabel.values.includes(pod.labels[r.match.podLabel.key] ?? '')));
  const output = route?.output ?? l?.default;
  return { owner: output ? name : 'platform', scope: `${name}_prod` };
}

function podArb(platform: PlatformSpec) {
  const namespaces = [...platform.tenants.map((t) => `${t.metadata.name}-prod`), ...logPlatformNamespaces(platform), 'stray', 'x1-dev'];
  return fc.record({
    namespace: fc.constantFrom(...namespaces),
    pod: fc.constantFrom('web-7d4b9', 'db-0', 'my.dotted.pod'),
    container: fc.constantFrom(...CONTAINERS),
    labels: fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 3 }),
  }).map((pod) => ({ ...pod, namespaceLabels: namespaceLabels(platform, pod.namespace) }));
}

/** The labels the rendered Namespace carries (tenant namespaces: tenant and environment). */
function namespaceLabels(platform: PlatformSpec, namespace: string): Record<string, string> {
  const tenant = platform.tenants.find((t) => `${t.metadata.name}-prod` === namespace);
  return tenant ? { 'platform.cdk8s.io/tenant': tenant.metadata.name, 'platform.cdk8s.io/environment': 'prod', 'kubernetes.io/metadata.name': namespace } : { 'kubernetes.io/metadata.name': namespace };
}

function containerEvent(pod: PodInfo, log: string) {
  const file = `${pod.pod}_${pod.namespace}_${pod.container}-${'0123456789abcdef'.repeat(4)}.log`;
  return { source: 'in.containers', tag: `kubernetes.var.log.containers.${file}`, record: { log, stream: 'stdout', logtag: 'F' }, pod };
}

/** A log line, sometimes JSON trying to pass itself off as another namespace. */
const logArb = fc.oneof(
  fc.constant('plain text line'),
  fc.constantFrom('a-b-prod', 'kube-system', 'pay-prod').map((ns) => JSON.stringify({ msg: 'hi', kubernetes: { namespace_name: ns, container_name: 'card-audit', labels: { tier: 'a' } } })),
);

describe('fluentd routing (simulated on the rendered configuration)', () => {
  test('every tenant record reaches exactly one output — the one its routes name — and never another tenant\'s', () => {
    fc.assert(fc.property(platformArb.chain((p) => {
      const platform = build(p);
      return fc.tuple(fc.constant(platform), fc.array(fc.tuple(podArb(platform), logArb), { minLength: 1, maxLength: 25 }));
    }), ([platform, records]) => {
      const root = parseFluentdConfig(fluentdConfigOf(platform));
      const label = root.children.find((c) => c.name === 'label' && c.arg === '@OUTPUTS')!;
      for (const [pod, log] of records) {
        const result = simulate(root, containerEvent(pod, log));
        expect(result.dropped).toBeUndefined();
        const finalTag = result.tags[result.tags.length - 1];
        // At most one section besides the catch-all's claims the destination tag, and the record reaches the first.
        const claims = matchesFor(label, finalTag);
        expect(claims.filter((m) => m.arg !== '**').length).toBeLessThanOrEqual(1);
        expect(claims[0]).toBe(result.output);
        const want = expected(platform, pod);
        expect(result.label).toBe('@OUTPUTS');
        const got = identify(result);
        expect(got).toEqual(want);
        const tenant = platform.tenants.find((t) => `${t.metadata.name}-prod` === pod.namespace);
        if (tenant) expect(['platform', tenant.metadata.name]).toContain(got.owner);
      }
    }), { numRuns: 150 });
  });

  test('the catch-all is the last <match> of the outputs label and the only `**`; every output kind renders what its plugin release accepts', () => {
    fc.assert(fc.property(platformArb, (p) => {
      const root = parseFluentdConfig(fluentdConfigOf(build(p)));
      expect(checkFluentdConfig(root)).toEqual([]);
      const label = root.children.find((c) => c.name === 'label' && c.arg === '@OUTPUTS')!;
      const matches = label.children.filter((c) => c.name === 'match');
      expect(matches[matches.length - 1].arg).toBe('**');
      expect(matches.filter((m) => m.arg.split(/\s+/).includes('**'))).toHaveLength(1);
      expect(matches[matches.length - 1].params['@id']).toBe('out.platform.logs');
    }), { numRuns: 50 });
  });

  test('one output section per destination: tenants on the tenant default share the platform output and its buffer', () => {
    fc.assert(fc.property(platformArb, (p) => {
      const platform = build(p);
      const root = parseFluentdConfig(fluentdConfigOf(platform));
      const label = root.children.find((c) => c.name === 'label' && c.arg === '@OUTPUTS')!;
      const outputs = label.children.filter((c) => c.name === 'match').map((m) => m.params['@id']).sort();
      const own = platform.tenants.flatMap((t) => {
        const l = t.spec.logging;
        const used = new Set([...(l?.routes ?? []).map((r) => r.output), ...(l?.default ? [l.default] : [])]);
        return [...used].map((o) => `out.tenant.${t.metadata.name}.${o}`);
      });
      expect(outputs).toEqual([...own, 'out.platform.logs'].sort());
    }), { numRuns: 50 });
  });

  test('audit events, from the file or the webhook, reach the SIEM output through their own label and buffer', () => {
    fc.assert(fc.property(platformArb, (p) => {
      const platform = build(p);
      const root = parseFluentdConfig(fluentdConfigOf(platform));
      const event = { kind: 'Event', verb: 'create', objectRef: { namespace: 'a-prod' }, stageTimestamp: '2026-01-01T00:00:00.000000Z' };
      const r = simulate(root, { source: 'in.audit-log', tag: 'audit.kube-apiserver', record: event });
      expect(r.label).toBe('@AUDIT');
      expect(r.output!.params['@id']).toBe('out.audit');
      expect(identify(r)).toEqual({ owner: 'platform', scope: 'audit' });
      const buffer = r.output!.children.find((c) => c.name === 'buffer')!;
      expect(buffer.params).toMatchObject({ retry_forever: 'true', overflow_action: 'block', path: '/var/lib/fluentd/buffer/out.audit' });
      // No other output shares the audit buffer or sits in the audit label.
      const audit = root.children.find((c) => c.name === 'label' && c.arg === '@AUDIT')!;
      expect(audit.children.filter((c) => c.name === 'match')).toHaveLength(1);
    }), { numRuns: 30 });
  });

  test('node logs go to the platform output', () => {
    const root = parseFluentdConfig(fluentdConfigOf(build({ tenants: [{ name: 'a' }], platformOutput: { type: 'elasticsearch', host: 'logs.platform.example.com', indexPrefix: 'es' }, siemOutput: { type: 'elasticsearch', host: 'siem.platform.example.com' } })));
    const source = root.children.find((c) => c.name === 'source' && c.params['@id'] === 'in.journal.kubelet')!;
    const r = simulate(root, { source: 'in.journal.kubelet', tag: source.params.tag, record: { message: 'started' } });
    expect(r.label).toBe('@OUTPUTS');
    expect(identify(r)).toEqual({ owner: 'platform', scope: 'node' });
  });
});

describe('the pipeline scales with destinations, not tenants', () => {
  test('tenants on the tenant default add nothing to the configuration: 10 and 400 tenants render the same text', () => {
    const text = (n: number) => fluentdConfigOf(loadTest(settingsWith(), Array.from({ length: n }, (_, i) => tenantDoc(`t${i}`))));
    expect(text(400)).toBe(text(10));
  });
});

describe('fluentd routing of the fixture organisation', () => {
  const platform = loadTest(settingsWith({ logging: { ...settingsWith().observability!.logging, auditLog: { webhook: { allowFrom: ['10.0.0.0/24'] } } } }), [
    tenantDoc('payments', {
      logging: {
        outputs: { 'payments-logs': { type: 'elasticsearch', host: 'logs.payments.example.com' }, 'card': { type: 'elasticsearch', host: 'card.payments.example.com' } },
        default: 'payments-logs',
        routes: [{ match: { containers: ['card-audit'] }, output: 'card' }],
        exclude: [{ description: 'load-balancer health checks', containers: ['api'], pattern: 'GET /healthz' }],
      },
    }),
    tenantDoc('search', {
      logging: {
        outputs: { indexer: { type: 'elasticsearch', host: 'indexer.search.example.com' } },
        routes: [{ match: { podLabel: { key: 'app.kubernetes.io/component', values: ['indexer'] } }, output: 'indexer' }],
      },
    }),
  ]);
  const root = parseFluentdConfig(fluentdConfigOf(platform));
  const pod = (namespace: string, container: string): PodInfo => ({ namespace, pod: 'p-1', container, labels: {},
    namespaceLabels: namespace === 'payments-prod' ? { 'platform.cdk8s.io/tenant': 'payments', 'platform.cdk8s.io/environment': 'prod' } : {} });

  test('drops excluded records of the tenant only', () => {
    expect(simulate(root, containerEvent(pod('payments-prod', 'api'), 'GET /healthz 200')).dropped).toMatch(/filter\.exclude\.\d/);
    expect(simulate(root, containerEvent(pod('payments-prod', 'api'), 'POST /pay 201')).output!.params.host).toBe('logs.payments.example.com');
    expect(simulate(root, containerEvent(pod('monitoring', 'api'), 'GET /healthz 200')).output!.params['@id']).toBe('out.platform.logs');
  });

  test('parses JSON into payload, so a log line cannot reroute itself', () => {
    const spoof = JSON.stringify({ kubernetes: { namespace_name: 'kube-system', container_name: 'card-audit' } });
    const r = simulate(root, containerEvent(pod('payments-prod', 'app'), spoof));
    expect(r.output!.params.host).toBe('logs.payments.example.com');
    expect(r.record.payload).toEqual({ kubernetes: { namespace_name: 'kube-system', container_name: 'card-audit' } });
  });

  test('a route on a dotted pod label key matches: kubernetes_metadata 3.x keeps the dots, and the route reads the key as it is', () => {
    const labelled = (labels: Record<string, string>) => simulate(root, containerEvent({ namespace: 'search-prod', pod: 'p-1', container: 'c', labels,
      namespaceLabels: { 'platform.cdk8s.io/tenant': 'search', 'platform.cdk8s.io/environment': 'prod' } }, 'x'));
    expect(labelled({ 'app.kubernetes.io/component': 'indexer' }).output!.params.host).toBe('indexer.search.example.com');
    expect(labelled({ 'app.kubernetes.io/component': 'web' }).output!.params['@id']).toBe('out.platform.logs');
  });

  test('add-on namespaces (cert-manager, velero, …) are platform namespaces, not the catch-all', () => {
    for (const ns of ['cert-manager', 'velero', 'istio-system', 'gatekeeper-system', 'trivy-system']) {
      const r = simulate(root, containerEvent(pod(ns, 'controller'), 'started'));
      expect([ns, r.output!.params['@id'], r.record.log_scope]).toEqual([ns, 'out.platform.logs', 'platform']);
    }
  });

  test('a namespace without the platform\'s tenant labels, or with a value that is not a DNS label, goes to the catch-all', () => {
    const stray = (labels: Record<string, string>) => simulate(root, containerEvent({ namespace: 'stray', pod: 'p-1', container: 'c', labels: {}, namespaceLabels: labels }, 'x'));
    expect(stray({}).record.log_scope).toBe('unclassified');
    expect(stray({ 'platform.cdk8s.io/tenant': 'a.b', 'platform.cdk8s.io/environment': 'prod' }).record.log_scope).toBe('unclassified');
    expect(stray({ 'platform.cdk8s.io/tenant': 'a', 'platform.cdk8s.io/environment': 'pr.od' }).record.log_scope).toBe('unclassified');
  });

  test('accepts audit events from the webhook backend into the audit label', () => {
    const r = simulate(root, { source: 'in.audit-webhook', tag: 'audit.webhook', record: { kind: 'EventList', items: [] } });
    expect(r.output!.params['@id']).toBe('out.audit');
  });
});
