/**
 * The documented examples of the extension points (docs/examples/, shown
 * in docs/extending.md) are real: `npm test` type-checks them (tsconfig
 * includes docs/examples), this test renders the example organisation they
 * compose and checks each extension point did what the docs say, and every
 * code block in the docs that names an example file is that file, verbatim.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import example from '../../docs/examples/main';
import { costReport } from '../../docs/examples/cost-report';
import { noNodePorts } from '../../docs/examples/no-node-ports';
import { clusters } from '../../docs/examples/platform/clusters';
import { settings } from '../../docs/examples/platform/settings';
import { Platform } from '../../src/app/platform';
import { standardComponents } from '../../src/app/standard';
import { ROOT } from '../support/platform';

describe('documented examples', () => {
  const files = example.render();
  const object = (p: string) => parse(files.get(p)!);

  test('a platform component renders its own folder and is synced', () => {
    expect(object('clusters/dev-eu1/platform/cost-report/configmap-cost-centres.yaml').data).toEqual({ 'shop-dev': 'cc-1234' });
    expect(files.has('clusters/dev-eu1/bootstrap/application-platform-cost-report.yaml')).toBe(true);
  });

  test('a tenant part renders into every tenant environment\'s folder', () => {
    const dashboard = object('clusters/dev-eu1/tenants/shop/configmap-shop-dev-dashboard.yaml');
    expect(dashboard.metadata).toMatchObject({ namespace: 'shop-dev', labels: { grafana_dashboard: '1' } });
  });

  test('an external part renders its own folder, which no engine syncs', () => {
    expect(files.get('clusters/dev-eu1/access-review/tenant-access.csv')).toBe(
      'tenant,environment,namespace,role,group\nshop,dev,shop-dev,admin,oidc:shop-admins\n');
    expect([...files.keys()].filter((f) => f.startsWith('clusters/dev-eu1/bootstrap/') && files.get(f)!.includes('access-review'))).toEqual([]);
    expect(files.has('clusters/dev-eu1/secret-backend/apply-vault.sh')).toBe(true);
  });

  test('an add-on value override reaches the add-on\'s Helm values', () => {
    const app = object('clusters/dev-eu1/platform/ingress-nginx/application-ingress-nginx.yaml');
    expect(app.spec.source.helm.valuesObject.controller.config['use-forwarded-headers']).toBe('true');
  });

  test('a render pass refuses what it must, and the render then writes nothing', () => {
    const nodePort = {
      name: 'node-port', wave: 10,
      build: (scope: import('constructs').Construct) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { k8s } = require('cdk8s-plus-28');
        new k8s.KubeService(scope, 'Svc', { metadata: { name: 'exposed', namespace: 'monitoring' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
      },
    };
    const bad = new Platform({ root: path.join(ROOT, 'docs/examples'), settings, clusters, components: [...standardComponents(), costReport, nodePort], passes: [noNodePorts] });
    expect(() => bad.render()).toThrow(/Service exposed is a NodePort; expose it through the ingress controller/);
  });

  test('code blocks in the docs that name an example file are that file', () => {
    const docs = ['docs/extending.md', 'README.md'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
    const blocks = [...docs.matchAll(/```ts\n(\/\/ (docs\/examples\/[\w/.-]+\.ts)[^\n]*\n[\s\S]*?)```/g)];
    expect(blocks.map((m) => m[2]).sort()).toEqual(expect.arrayContaining(['docs/examples/access-review.ts', 'docs/examples/cost-report.ts', 'docs/examples/main.ts', 'docs/examples/no-node-ports.ts', 'docs/examples/team-dashboard.ts']));
    for (const m of blocks) expect(m[1]).toBe(fs.readFileSync(path.join(ROOT, m[2]), 'utf8'));
  });
});
