/**
 * Lines of fields in the parts of a definition written in TypeScript
 * (`platform/settings.ts`, `platform/clusters.ts`), so that their problems
 * read `platform/clusters.ts:67: clusters[0].kubernetesVersion: …` as tenant
 * files' problems do.
 *
 * The file is parsed, not run, with the TypeScript compiler's parser (the
 * `typescript` package an organisation's repository already has; without it
 * problems keep their file and path, with no line). A problem's path is
 * followed from the exported declaration through object and array literals,
 * into `const`s of the same file that a property names or spreads; where the
 * value is computed (a function call, an import, a spread element before the
 * index) the line is that of the deepest property still written in the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as TS from 'typescript';
import { Problem } from '../spec/problems';

/** The line (1-based) of the field at a problem's `path`, when the file writes it. */
export type LineOf = (path: string) => number | undefined;

/**
 * The `LineOf` for `exportName` in a TypeScript file's text.
 *
 * @param text the file's source
 * @param exportName the exported `const` holding the definition part (e.g.
 *   `clusters`); when the file exports no `const` of that name, its only
 *   exported `const`
 * @returns undefined when the parser is not installed or the file declares no such `const`
 */
export function typeScriptLineOf(text: string, exportName: string): LineOf | undefined {
  const ts = typescript();
  if (!ts) return undefined;
  const file = ts.createSourceFile('definition.ts', text, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, TS.VariableDeclaration>();
  const exported: TS.VariableDeclaration[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isExported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      consts.set(d.name.text, d);
      if (isExported) exported.push(d);
    }
  }
  const root = exported.find((d) => (d.name as TS.Identifier).text === exportName) ?? (exported.length === 1 ? exported[0] : undefined);
  if (!root?.initializer) return undefined;
  const rootName = (root.name as TS.Identifier).text;
  const lineOfNode = (node: TS.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;

  /** The literal an expression stands for: through parentheses, `as`, `satisfies` and same-file `const`s. */
  const literal = (e: TS.Expression, seen = new Set<string>()): TS.Expression => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    if (ts.isIdentifier(e) && !seen.has(e.text)) {
      const d = consts.get(e.text);
      if (d?.initializer) return literal(d.initializer, new Set([...seen, e.text]));
    }
    return e;
  };
  const propertyName = (p: TS.ObjectLiteralElementLike) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined;

  /** The element of an object literal for `key`: the last one written, spreads of same-file literals included. */
  const property = (o: TS.ObjectLiteralExpression, key: string): { at: TS.Node; value?: TS.Expression } | undefined => {
    for (const p of [...o.properties].reverse()) {
      if (ts.isSpreadAssignment(p)) {
        const spread = literal(p.expression);
        if (!ts.isObjectLiteralExpression(spread)) return undefined;
        const found = property(spread, key);
        if (found) return found;
      } else if (propertyName(p) === key) {
        return { at: p, value: ts.isPropertyAssignment(p) ? p.initializer : undefined };
      }
    }
    return undefined;
  };

  return (problemPath: string) => {
    const keys = pathKeys(problemPath);
    if (keys[0] === rootName) keys.shift();
    let at: TS.Node = root;
    let value: TS.Expression | undefined = root.initializer;
    for (let i = 0; i < keys.length && value; i++) {
      const node = literal(value);
      const key = keys[i];
      if (typeof key === 'number') {
        if (!ts.isArrayLiteralExpression(node) || node.elements.slice(0, key + 1).some(ts.isSpreadElement) || key >= node.elements.length) break;
        at = node.elements[key];
        value = node.elements[key];
        continue;
      }
      if (!ts.isObjectLiteralExpression(node)) break;
      // Keys with dots (label names, annotations) come back split: join them again until one is found.
      let j = i;
      let name = key;
      let found = property(node, name);
      while (!found && j + 1 < keys.length && typeof keys[j + 1] === 'string') {
        name = `${name}.${keys[++j]}`;
        found = property(node, name);
      }
      if (!found) break;
      at = found.at;
      value = found.value;
      i = j;
    }
    return lineOfNode(at);
  };
}

/** `clusters[0].addons.overrides.velero` → `['clusters', 0, 'addons', 'overrides', 'velero']`. */
function pathKeys(problemPath: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of problemPath.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) keys.push(m[1] !== undefined ? Number(m[1]) : m[2]);
  return keys;
}

/**
 * Adds lines to the problems of TypeScript definition files that have none.
 *
 * @param problems the problems of a definition
 * @param root the repository root the problems' files are relative to
 * @param exports file (relative to `root`) → exported `const` it declares, e.g.
 *   `{ 'platform/clusters.ts': 'clusters' }`; a file that cannot be read or
 *   parsed adds no lines
 */
export function withTypeScriptLines(problems: readonly Problem[], root: string, exports: Readonly<Record<string, string>>): Problem[] {
  const locators = new Map<string, LineOf | undefined>();
  const locator = (file: string) => {
    if (!locators.has(file)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(path.join(root, file), 'utf8');
      } catch {
        text = undefined;
      }
      locators.set(file, text === undefined ? undefined : typeScriptLineOf(text, exports[file]));
    }
    return locators.get(file);
  };
  return problems.map((p) => {
    if (p.line !== undefined || !(p.file in exports)) return p;
    const line = locator(p.file)?.(p.path);
    return line === undefined ? p : { ...p, line };
  });
}

let parser: typeof TS | null | undefined;

/** The TypeScript compiler, loaded on first use; null when it is not installed. */
function typescript(): typeof TS | null {
  if (parser === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      parser = require('typescript') as typeof TS;
    } catch {
      parser = null;
    }
  }
  return parser;
}
