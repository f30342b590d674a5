/**
 * The observability fields of the platform definition: defaults, and every
 * mistake reported with file, field, value and what is allowed — all at once.
 */
import { DefinitionError } from '../../src/spec/problems';
import { ALL_PLUGINS_IMAGE, loadTest, ONE_CLUSTER, settingsWith, tenantDoc } from '../support/observability';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DefinitionError) return e.problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a DefinitionError');
}

const logging = settingsWith().observability!.logging;

describe('observability definition', () => {
  test('applies buffer, audit-log and node-log defaults', () => {
    const p = loadTest(settingsWith(), []);
    const l = p.settings.observability!.logging;
    expect(l.buffers.application).toMatchObject({ totalLimitSize: '512m', overflowAction: 'drop_oldest_chunk', retryForever: false });
    expect(l.buffers.audit).toMatchObject({ totalLimitSize: '2g', overflowAction: 'block', retryForever: true, flushInterval: '1s' });
    expect(l.auditLog.path).toBe('/var/log/kubernetes/audit/audit.log');
    expect(l.nodeLogs.systemdUnits).toEqual(['kubelet.service', 'containerd.service']);
    expect(p.clusters[0].observability).toEqual({ remoteWrite: [], logging: { outputs: {}, destinations: {} } });
  });

  test('a platform without settings.observability renders no pipeline and refuses tenants that need one', () => {
    expect(loadTest(settingsWith(null), [tenantDoc('a')]).settings.observability).toBeUndefined();
    expect(problems(() => loadTest(settingsWith(null), [tenantDoc('a', { alerting: { warning: { slack: { apiURL: { key: 'k' }, channel: '#a' } } } })])))
      .toEqual(['tenants/a.yaml spec.alerting: needs settings.observability: the platform declares no log pipeline or alert routing']);
  });

  test('reports every settings mistake at once', () => {
    expect(problems(() => loadTest(settingsWith({
      logging: {
        ...logging,
        namespace: 'log-system',
        destinations: { platform: 'logs', audit: 'splunk', tenantDefault: 'logs', catchAll: 'nowhere' },
        buffers: { application: { chunkLimitSize: '1g', totalLimitSize: '512m' }, audit: { retryForever: true, retryMaxTimes: 3 } },
      },
    }), []))).toEqual([
      'platform/settings.ts observability.logging.buffers.application.chunkLimitSize: is larger than totalLimitSize (512m); a chunk must fit in the buffer',
      'platform/settings.ts observability.logging.buffers.audit.retryMaxTimes: cannot be set together with retryForever: true; remove one of them',
      'platform/settings.ts observability.logging.destinations.audit: names an output that is not declared; declared outputs: logs, siem',
      'platform/settings.ts observability.logging.destinations.catchAll: names an output that is not declared; declared outputs: logs, siem',
      'platform/settings.ts observability.logging.namespace: is not a platform namespace; add it to namespaces.others (platform namespaces: argocd, default, dex, external-secrets, flux-system, ingress-nginx, kube-node-lease, kube-public, kube-system, logging, monitoring)',
    ]);
  });

  test('rejects bad field values with what is allowed', () => {
    expect(problems(() => loadTest(settingsWith({
      logging: {
        ...logging,
        outputs: { logs: { type: 'graylog' } as never, siem: { type: 'loki', url: 'http://loki.example.com' } },
        buffers: { application: { flushInterval: '5 seconds', overflowAction: 'wait' as never } },
      },
    }), []))).toEqual([
      'platform/settings.ts observability.logging.buffers.application.flushInterval: must be a fluentd duration such as 5s, 1m or 1h: a whole number with an optional s, m, h or d suffix',
      'platform/settings.ts observability.logging.buffers.application.overflowAction: must be one of: throw_exception, block, drop_oldest_chunk',
      'platform/settings.ts observability.logging.outputs.logs.type: must be an output with type elasticsearch, opensearch, splunk, loki, s3',
      'platform/settings.ts observability.logging.outputs.siem.url: must be an https URL such as https://loki.example.com[:port][/path] (http only for in-cluster *.svc endpoints; no credentials, white space, quotes or backslashes)',
    ]);
  });

  test('refuses outputs the fluentd image has no plugin for, naming who needs it', () => {
    expect(problems(() => loadTest(settingsWith(), [tenantDoc('a', {
      logging: { outputs: { archive: { type: 's3', bucket: 'a-logs', region: 'eu-west-1' } }, default: 'archive' },
    })]))).toEqual([
      // The tenant's editor already refuses the type: the tenant schema offers only the types the image has plugins for.
      'tenants/a.yaml spec.logging.outputs.archive.type: must be an output with type elasticsearch (the platform\'s log collector image has no plugin for opensearch, splunk, loki, s3; a platform engineer adds one in settings.observability.logging.image)',
    ]);
    expect(() => loadTest(settingsWith({ logging: { ...logging, image: ALL_PLUGINS_IMAGE } }), [tenantDoc('a', {
      logging: { outputs: { archive: { type: 's3', bucket: 'a-logs', region: 'eu-west-1' } }, default: 'archive' },
    })])).not.toThrow();
  });

  test('reports tenant routes to undeclared outputs and foreign environments, with file and line', () => {
    const err = problems(() => loadTest(settingsWith(), [tenantDoc('a', {
      logging: {
        outputs: { es: { type: 'elasticsearch', host: 'es.example.com' } },
        default: 'missing',
        routes: [{ match: { containers: ['api'] }, output: 'nope', environments: ['dev'] }],
      },
      alerting: { environments: ['staging'], info: { email: { to: ['a@example.com'] } } },
      slos: [
        { name: 'api', availability: { objective: 99.9, metric: 'http_requests_total' } },
        { name: 'api', latency: { objective: 100, metric: 'x', thresholdSeconds: 0.5 } },
        { name: 'web' },
      ],
    })]));
    expect(err).toEqual([
      'tenants/a.yaml spec.alerting.environments[0]: must be one of: dev, prod',
      'tenants/a.yaml spec.slos[1].latency.objective: must be below 100 (percent); an objective of 100 leaves no error budget',
      'tenants/a.yaml spec.slos[2]: must declare availability, latency or both',
    ]);
  });

  test('reports cross-field tenant problems once the fields are valid', () => {
    expect(problems(() => loadTest(settingsWith(), [tenantDoc('a', {
      logging: {
        outputs: { es: { type: 'elasticsearch', host: 'es.example.com' } },
        default: 'missing',
        routes: [{ match: { containers: ['api'] }, output: 'nope', environments: ['dev'] }],
      },
      slos: [
        { name: 'api', availability: { objective: 99.9, metric: 'http_requests_total' } },
        { name: 'api', availability: { objective: 99, metric: 'http_requests_total' } },
      ],
    })]))).toEqual([
      'tenants/a.yaml spec.logging.default: names an output the tenant does not declare; declared outputs: es',
      'tenants/a.yaml spec.logging.routes[0].output: names an output the tenant does not declare; declared outputs: es',
      'tenants/a.yaml spec.logging.routes[0].environments[0]: is not one of the tenant\'s environments (prod)',
      'tenants/a.yaml spec.slos[1].name: duplicate SLO name; each SLO of a tenant needs its own name',
    ]);
  });

  test('refuses secret keys that climb out of the tenant\'s part of the store', () => {
    expect(problems(() => loadTest(settingsWith(), [tenantDoc('a', {
      alerting: { warning: { slack: { apiURL: { key: '../platform/alerting/slack' }, channel: '#a' } } },
    })]))).toEqual(['tenants/a.yaml spec.alerting.warning.slack.apiURL.key: must not contain "." or ".." segments']);
  });

  test('buffer disk grows with destinations, not tenants: 1,000 tenants on the tenant default fit the default budget', () => {
    const many = Array.from({ length: 1000 }, (_, i) => tenantDoc(`t${i}`));
    expect(loadTest(settingsWith(), many).tenants).toHaveLength(1000);
  });

  test('refuses a cluster whose buffers (one per output section) do not fit the node disk budget', () => {
    const own = (name: string) => tenantDoc(name, { logging: { outputs: { es: { type: 'elasticsearch', host: `es.${name}.example.com` } }, default: 'es' } });
    expect(problems(() => loadTest(settingsWith({ logging: { ...logging, bufferDiskLimit: '3g' } }),
      [tenantDoc('a'), tenantDoc('b'), ...['c', 'd', 'e', 'f', 'g'].map(own)]))).toEqual([
      'platform/clusters.ts clusters[0].name: needs 3200 MiB of fluentd buffers on each node (7 output sections: the audit output, 1 platform outputs '
      + 'and 5 tenant outputs of 5 tenants), more than settings.observability.logging.bufferDiskLimit (3g); raise the limit, lower '
      + 'buffers.tenantOutput.totalLimitSize, or have tenants use the platform\'s tenant default',
    ]);
  });

  test('reports cluster destinations naming unknown outputs and duplicate remote-write names', () => {
    const clusters = [{
      ...ONE_CLUSTER[0],
      observability: {
        logging: { destinations: { audit: 'regional-siem' } },
        remoteWrite: [{ name: 'thanos', url: 'https://t.example.com/api/v1/receive' }, { name: 'thanos', url: 'https://u.example.com/api/v1/receive' }],
      },
    }];
    expect(problems(() => loadTest(settingsWith(), [], clusters))).toEqual([
      'platform/clusters.ts clusters[0].observability.logging.destinations.audit: names an output that is not declared; declared outputs: logs, siem',
      'platform/clusters.ts clusters[0].observability.remoteWrite[1].name: duplicate remote-write name; each endpoint needs its own name',
    ]);
  });
});
