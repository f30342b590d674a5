// Parses every ```mermaid block of the Markdown read from standard input with
// Mermaid's own parser (the `mermaid` package, in jsdom since its sanitiser
// needs a DOM) and prints one JSON line: [{ ok, type?, error? }, ...].
// An ES module run as a child process, since Mermaid ships only as ESM.
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const blocks = [...input.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const results = [];
for (const block of blocks) {
  try {
    const r = await mermaid.parse(block);
    results.push({ ok: true, type: r.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
