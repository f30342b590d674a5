/**
 * Whatever validation accepts, the render and the cluster accept: tenant
 * files generated from the tenant JSON Schema (every value the schema allows
 * at every place, and names chosen to collide with what the platform
 * renders) are validated one by one; every one validation accepts is added
 * to the fixture organisation, the whole platform is rendered, and every
 * rendered object must pass the Kubernetes 1.28 schema or its CRD's, and the
 * API server's rules for names, labels and annotations.
 */
import Ajv from 'ajv';
import { stringify } from 'yaml';
import { renderDist } from '../../src/app/synth';
import { tenantJsonSchemaObject } from '../../src/definition/json-schema';
import { loadPlatform, loadPlatformContext, loadTenants, TenantFile } from '../../src/definition/load';
import { DefinitionError } from '../../src/spec/problems';
import { reservedNamespaces } from '../../src/spec/settings';
import { EXAMPLE_TENANT, TENANT_NAME_MAX_LENGTH } from '../../src/spec/tenant';
import { nameProblems } from '../support/api-server-names';
import { CrdSchemas } from '../support/crd-schema';
import { ExtraSchemas } from '../support/extra-schemas';
import { KubernetesSchema } from '../support/k8s-schema';
import { fixtureSources, objectsOf } from '../support/platform';
import { exampleDocument, Json, Schema, validVariants } from '../support/schema-variants';

const sources = fixtureSources();
const platform = loadPlatformContext(sources);
const schema = tenantJsonSchemaObject(platform.tenantContext) as Schema;
const validate = new Ajv({ allErrors: true }).compile(schema);
const base = exampleDocument(schema);

/** `doc` as tenant `name`: every value naming the example tenant (namespaces, domains, keys, groups) renamed. */
function renamed(doc: Json, name: string): Json {
  return JSON.parse(JSON.stringify(doc).split(EXAMPLE_TENANT).join(name));
}

function withoutNamespaces(doc: Json): Json {
  const out = JSON.parse(JSON.stringify(doc));
  for (const env of Object.values<any>(out.spec.environments)) delete env.namespace;
  return out;
}

function withNamespace(doc: Json, namespace: (environment: string) => string): Json {
  const out = JSON.parse(JSON.stringify(doc));
  for (const [e, env] of Object.entries<any>(out.spec.environments)) env.namespace = namespace(e);
  return out;
}

const settings = platform.settings;
const platformNames = reservedNamespaces(settings);
const longest = `t${'x'.repeat(TENANT_NAME_MAX_LENGTH - 1)}`;

/** Documents to try: every valid variant, and names and namespaces next to the platform's own. */
const candidates: { label: string; doc: Json }[] = [
  { label: 'the full example', doc: base },
  // Every fourth one keeps the run short; each value's validation is covered by the parity test.
  ...validVariants(schema, base, (d) => validate(d) as boolean).filter((_, i) => i % 4 === 0).map((v) => ({ label: `${v.path} [${v.keyword}]`, doc: v.doc })),
  ...['platform', 'default', 'tenant', 'tenancy', 'argocd', 'flux', 'system', 'kube', 'cert', 'velero', 'logging', 'monitoring', 'bootstrap', 'gitops']
    .map((name) => ({ label: `tenant named ${name}`, doc: withoutNamespaces(renamed(base, name)) })),
  { label: `a tenant name of ${TENANT_NAME_MAX_LENGTH} characters with short namespaces`, doc: withNamespace(renamed(base, longest), (e) => `l-${e}`) },
  { label: `a tenant name of ${TENANT_NAME_MAX_LENGTH + 1} characters`, doc: withNamespace(renamed(base, `${longest}x`), (e) => `m-${e}`) },
  ...platformNames.flatMap((ns) => [
    { label: `namespace ${ns}`, doc: withNamespace(renamed(base, `claims-${ns}`), () => ns) },
    { label: `namespace ${ns}-x-<environment>`, doc: withNamespace(renamed(base, `near-${ns}`), (e) => `${ns}-x-${e}`) },
  ]),
  { label: 'namespaces of 63 characters', doc: withNamespace(renamed(base, 'long-ns'), (e) => `${e}-${'n'.repeat(62 - e.length)}`) },
  { label: 'an scp-like Git URL', doc: edited(renamed(base, 'scp-url'), (d) => { d.spec.source.repoURL = 'git@git.example.com:scp-url/deploy.git'; }) },
  { label: 'a source path leaving the repository', doc: edited(renamed(base, 'up-path'), (d) => { d.spec.source.path = '../platform'; }) },
  { label: 'a CIDR with leading zeros', doc: edited(renamed(base, 'octal-cidr'), (d) => { d.spec.environments.dev.network.egress[0].cidr = '010.60.0.0/16'; }) },
  { label: 'an IPv6 CIDR', doc: edited(renamed(base, 'v6-cidr'), (d) => { d.spec.environments.dev.network.egress[0].cidr = 'fd00:10:60::/48'; }) },
  { label: 'labels of the longest key and value', doc: edited(renamed(base, 'long-labels'), (d) => { d.spec.labels = { [`${'p'.repeat(200)}.example.com/${'k'.repeat(63)}`]: 'v'.repeat(63) }; }) },
];

function edited(doc: Json, change: (d: any) => void): Json {
  const out = JSON.parse(JSON.stringify(doc));
  change(out);
  return out;
}

function accepted(doc: Json, file: string): boolean {
  try {
    loadTenants(platform, [...sources.tenantFiles, { file, text: stringify(doc) }]);
    return true;
  } catch (e) {
    if (e instanceof DefinitionError) return false;
    throw e;
  }
}

describe('definitions validation accepts render, and the cluster accepts them', () => {
  const files: TenantFile[] = [];
  const refused: string[] = [];
  candidates.forEach((c, i) => {
    const original = (c.doc as any).metadata.name as string;
    // Each candidate as its own tenant, so that all of them fit in one platform.
    const name = original === EXAMPLE_TENANT ? `g${i}` : original;
    const doc = original === EXAMPLE_TENANT ? renamed(c.doc, name) : c.doc;
    const file = `tenants/${name}.yaml`;
    if (accepted(doc, file)) files.push({ file, text: stringify(doc) });
    else refused.push(c.label);
  });

  test('validation accepts most candidates and refuses the names and namespaces that collide', () => {
    expect(files.length).toBeGreaterThan(60);
    expect(refused).toEqual(expect.arrayContaining([
      `a tenant name of ${TENANT_NAME_MAX_LENGTH + 1} characters`,
      ...platformNames.map((ns) => `namespace ${ns}`),
      'tenant named kube',
      'an scp-like Git URL',
      'a source path leaving the repository',
      'a CIDR with leading zeros',
    ]));
    expect(refused).not.toContain('an IPv6 CIDR');
    expect(refused).not.toContain('labels of the longest key and value');
  });

  // Every candidate has its own log outputs, each with its own buffer: room for all of them on one node.
  const logging = { ...sources.settings.observability!.logging, bufferDiskLimit: '1t' };
  const batch = { ...sources, settings: { ...sources.settings, observability: { ...sources.settings.observability!, logging } } };
  const spec = loadPlatform({ ...batch, tenantFiles: [...sources.tenantFiles, ...files] });
  let rendered: Map<string, string> | undefined;
  let renderError: unknown;
  try {
    rendered = renderDist(spec).files;
  } catch (e) {
    renderError = e;
  }

  test('the platform with every accepted candidate renders', () => {
    expect(renderError).toBeUndefined();
    expect(spec.tenants.length).toBe(sources.tenantFiles.length + files.length);
  });

  test('every rendered object is valid for the API server: schema, names, labels, annotations', () => {
    const k8s = new KubernetesSchema();
    const crds = new CrdSchemas();
    const extra = new ExtraSchemas();
    // The fixture organisation's own objects are checked by schema.test.ts; here, the objects of the candidates
    // (in their folders, or named after them) and the shared objects that list tenants.
    const names = new Set(files.map((f) => f.file.slice('tenants/'.length, -'.yaml'.length)));
    const theirs = ([p]: [string, string]) => {
      const folder = /\/tenants\/([^/]+)\//.exec(p)?.[1];
      const file = p.slice(p.lastIndexOf('/') + 1);
      return (folder !== undefined && names.has(folder)) || [...names].some((n) => file.includes(`-${n}`)) || /configmap|kustomization-tenants|appproject/.test(file);
    };
    const objects = objectsOf(new Map([...(rendered ?? new Map())].filter(theirs)));
    crds.addConstraintTemplates(objectsOf(new Map([...(rendered ?? new Map())].filter(([p]) => p.includes('/constrainttemplate-')))).map((o) => o.object));
    const invalid: string[] = [];
    for (const { path, object } of objects) {
      const checker = k8s.knows(object.apiVersion, object.kind) ? k8s : extra.knows(object.apiVersion, object.kind) ? extra : crds;
      if (!checker.knows(object.apiVersion, object.kind)) invalid.push(`${path}: no schema for ${object.apiVersion} ${object.kind}`);
      else for (const e of checker.validate(object)) invalid.push(`${path}: ${e}`);
      for (const e of nameProblems(object as any)) invalid.push(`${path}: ${e}`);
    }
    expect(objects.length).toBeGreaterThan(1000);
    expect(invalid.slice(0, 50)).toEqual([]);
  });
});
