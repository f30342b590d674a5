/**
 * Defence in depth for tenant ExternalSecrets. The isolation itself is the
 * secret backend's: every tenant environment reads through its own
 * SecretStore, whose credentials the backend confines to the environment's
 * part of the store (`secrets/tenant-secret-store.ts`). Admission refuses
 * what would only ever work against a misconfigured backend, and what ESO
 * itself would resolve outside that part:
 *
 * - no ClusterSecretStore and no ClusterGenerator, in `secretStoreRef` or in
 *   any entry's `sourceRef`;
 * - every `dataFrom` entry is exactly one of `extract`, `find`, a generator
 *   (ESO runs `find` before `extract`, so a `find` without a path next to an
 *   `extract` of an own key read the whole store);
 * - keys and `find` paths match an anchored grammar under the environment's
 *   prefix (a path may end in `/` or be the prefix itself): segments of letters, digits, `_`, `-` and inner dots, separated
 *   by single `/` — so no `..` or `.` segment (the Vault client resolves
 *   them), no `//`, no leading `/`, no `%` (percent-encoding), no blanks;
 * - `find` needs a path; `refreshInterval` is `0s` or at least the cluster's
 *   minimum (each refresh is a read of the shared backend).
 *
 * Sources: External Secrets Operator docs "ExternalSecret" (dataFrom,
 * sourceRef, refreshInterval as a Go duration, `0s` = fetch once),
 * "Multi Tenancy" (a store per namespace, ClusterSecretStore conditions);
 * ESO `pkg/controllers/externalsecret` (find before extract).
 */
import { AdmissionPolicyDefinition } from '../policy-types';

/** One path segment of a secret store key, as a regular expression. */
export const KEY_SEGMENT = '[A-Za-z0-9_-]+([.][A-Za-z0-9_-]+)*';

const externalSecretKeys: AdmissionPolicyDefinition = {
  name: 'external-secret-keys',
  description: 'ExternalSecrets read only through the namespace\'s own SecretStore, only keys under the environment\'s prefix (anchored grammar), one source per dataFrom entry, no find without a path, no refresh faster than the cluster minimum.',
  scope: 'tenants',
  match: [{ group: 'external-secrets.io', version: 'v1', resources: ['externalsecrets'], kinds: ['ExternalSecret'] }],
  parameters: ['secretKeyPrefix', 'minRefreshInterval'],
  variables: [
    { name: 'keyPattern', expression: `'^' + variables.secretKeyPrefix + '${KEY_SEGMENT}(/${KEY_SEGMENT})*$'` },
    { name: 'pathPattern', expression: `'^' + variables.secretKeyPrefix + '(${KEY_SEGMENT}(/${KEY_SEGMENT})*/?)?$'` },
    { name: 'data', expression: 'has(object.spec.data) ? object.spec.data : []' },
    { name: 'dataFrom', expression: 'has(object.spec.dataFrom) ? object.spec.dataFrom : []' },
    {
      name: 'stores',
      expression: "(has(object.spec.secretStoreRef) && has(object.spec.secretStoreRef.kind) && object.spec.secretStoreRef.kind != 'SecretStore' ? ['secretStoreRef ' + object.spec.secretStoreRef.kind + ' ' + object.spec.secretStoreRef.name] : [])"
        + " + variables.data.filter(d, has(d.sourceRef) && has(d.sourceRef.storeRef) && has(d.sourceRef.storeRef.kind) && d.sourceRef.storeRef.kind != 'SecretStore').map(d, 'data ' + d.secretKey + ' from ' + d.sourceRef.storeRef.kind)"
        + " + variables.dataFrom.filter(f, has(f.sourceRef) && has(f.sourceRef.storeRef) && has(f.sourceRef.storeRef.kind) && f.sourceRef.storeRef.kind != 'SecretStore').map(f, 'dataFrom from ' + f.sourceRef.storeRef.kind)"
        + " + variables.data.filter(d, has(d.sourceRef) && has(d.sourceRef.generatorRef) && d.sourceRef.generatorRef.kind == 'ClusterGenerator').map(d, 'data ' + d.secretKey + ' from a ClusterGenerator')"
        + " + variables.dataFrom.filter(f, has(f.sourceRef) && has(f.sourceRef.generatorRef) && f.sourceRef.generatorRef.kind == 'ClusterGenerator').map(f, 'dataFrom from a ClusterGenerator')",
    },
    {
      name: 'sources',
      expression: 'variables.dataFrom.filter(f, (has(f.extract) ? 1 : 0) + (has(f.find) ? 1 : 0) + (has(f.sourceRef) && has(f.sourceRef.generatorRef) ? 1 : 0) != 1)'
        + ".map(f, 'a dataFrom entry with ' + ((has(f.extract) ? ['extract'] : []) + (has(f.find) ? ['find'] : []) + (has(f.sourceRef) && has(f.sourceRef.generatorRef) ? ['generator'] : [])).join(' and ') + ' (exactly one of extract, find, generator)')",
    },
    {
      name: 'badKeys',
      expression: "variables.data.filter(d, !(has(d.sourceRef) && has(d.sourceRef.generatorRef)) && !d.remoteRef.key.matches(variables.keyPattern)).map(d, d.remoteRef.key)"
        + ' + variables.dataFrom.filter(f, has(f.extract) && !f.extract.key.matches(variables.keyPattern)).map(f, f.extract.key)'
        + " + variables.dataFrom.filter(f, has(f.find) && !(has(f.find.path) && (f.find.path.matches(variables.pathPattern) || f.find.path + '/' == variables.secretKeyPrefix))).map(f, has(f.find.path) ? f.find.path : 'find without a path')",
    },
    {
      name: 'refreshTooFast',
      expression: "has(object.spec.refreshInterval) && duration(object.spec.refreshInterval) != duration('0s') && duration(object.spec.refreshInterval) < duration(variables.minRefreshInterval)",
    },
  ],
  validations: [
    {
      expression: 'size(variables.stores) == 0',
      messageExpression: "'ExternalSecrets read only through the namespace\\'s own SecretStore; not allowed: ' + variables.stores.join(', ')",
      message: 'ExternalSecrets read only through the namespace\'s own SecretStore',
    },
    {
      expression: 'size(variables.sources) == 0',
      messageExpression: "'not allowed: ' + variables.sources.join(', ')",
      message: 'every dataFrom entry names exactly one of extract, find, generator',
    },
    {
      expression: 'size(variables.badKeys) == 0',
      messageExpression: "'keys must lie under ' + (variables.secretKeyPrefix == '' ? 'the store' : variables.secretKeyPrefix) + ' as segments of letters, digits, _ - and inner dots, separated by single /; not allowed: ' + variables.badKeys.join(', ')",
      message: 'ExternalSecrets may only read the environment\'s own keys',
    },
    {
      expression: '!variables.refreshTooFast',
      messageExpression: "'refreshInterval ' + object.spec.refreshInterval + ' is shorter than the cluster minimum ' + variables.minRefreshInterval + ' (or 0s to read once)'",
      message: 'refreshInterval is shorter than the cluster minimum',
    },
  ],
};

/** The ExternalSecret policies of the library. */
export const EXTERNAL_SECRET_POLICIES: readonly AdmissionPolicyDefinition[] = [externalSecretKeys];
