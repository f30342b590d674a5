/**
 * Reads one YAML document (a tenant file) keeping what is needed to point an
 * error at its line.
 */
import { Document, isCollection, LineCounter, parseAllDocuments } from 'yaml';
import { Problem } from './problems';

/** A parsed YAML file: its data, or the syntax problems that stopped it. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  readonly problems: Problem[];
  /** 1-based line of the node at `path`, or of its closest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses `text` (the content of `file`) as a single YAML document. Syntax
 * errors, duplicate keys and multi-document files become problems.
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs) || docs.length === 0) {
    return { file, data: undefined, problems: [{ file, path: '', message: 'is empty; a tenant file holds one Tenant document' }], lineOf: () => undefined };
  }
  const doc: Document.Parsed = docs[0];
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    line: e.linePos?.[0]?.line ?? (e.pos ? lineCounter.linePos(e.pos[0]).line : undefined),
    path: '',
    message: `YAML syntax error: ${e.message.split('\n')[0]}`,
  }));
  if (docs.length > 1) {
    problems.push({ file, path: '', message: 'must hold exactly one YAML document (one Tenant per file)' });
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && node.range && (n === path.length || isCollection(node))) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
  return {
    file,
    data: problems.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    problems,
    lineOf,
  };
}
