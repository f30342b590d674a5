/**
 * Vault policies as Vault reads them: the rendered `.hcl` is parsed by
 * HashiCorp's own HCL parser (`@cdktf/hcl2json`, hashicorp/hcl compiled to
 * WebAssembly), then requests are matched the way Vault matches policy paths
 * (Vault docs, "Policies"): a trailing `*` matches any suffix, `+` matches
 * exactly one path segment, otherwise the path must be equal; a request
 * needs a rule granting its capability, and `deny` on a matching rule wins.
 * Vault sees the request path after the client resolved `.` and `..`
 * (Go's `path.Clean` in the Vault client).
 */
import { parse } from '@cdktf/hcl2json';

/** One `path "<pattern>" { capabilities = [...] }` block. */
export interface VaultRule {
  readonly path: string;
  readonly capabilities: readonly string[];
}

/**
 * Parses a Vault policy with the HCL parser.
 *
 * @throws Error with the parser's message when the text is not valid HCL, or
 *   when a block is not a `path` block with a `capabilities` list
 */
export async function parseVaultPolicy(name: string, text: string): Promise<VaultRule[]> {
  const json = await parse(name, text) as Record<string, unknown>;
  const unknown = Object.keys(json).filter((k) => k !== 'path');
  if (unknown.length > 0) throw new Error(`${name}: blocks other than path: ${unknown.join(', ')}`);
  const paths = (json.path ?? {}) as Record<string, { capabilities?: unknown }[]>;
  return Object.entries(paths).map(([path, [body]]) => {
    if (!Array.isArray(body?.capabilities)) throw new Error(`${name}: path "${path}" has no capabilities list`);
    return { path, capabilities: body.capabilities as string[] };
  });
}

/** The request path as Vault sees it: `.` and `..` resolved, empty segments dropped, a trailing `/` kept. */
export function cleanPath(path: string): string {
  const segments = path.split('/').reduce<string[]>((acc, seg) => (seg === '..' ? acc.slice(0, -1) : seg === '.' || seg === '' ? acc : [...acc, seg]), []);
  return segments.join('/') + (path.endsWith('/') ? '/' : '');
}

function matches(pattern: string, path: string): boolean {
  const body = pattern.split('').map((c) => (c === '+' ? '[^/]+' : /[.*?^${}()|[\]\\]/.test(c) ? `\\${c}` : c)).join('');
  const glob = pattern.endsWith('*');
  const re = new RegExp(`^${glob ? body.slice(0, -2) : body}${glob ? '.*' : ''}$`);
  return re.test(path);
}

/** Whether `rules` grant `capability` on `path` (after {@link cleanPath}). */
export function vaultAllows(rules: readonly VaultRule[], path: string, capability: string): boolean {
  const clean = cleanPath(path);
  const matching = rules.filter((r) => matches(r.path, clean));
  return !matching.some((r) => r.capabilities.includes('deny')) && matching.some((r) => r.capabilities.includes(capability));
}
