// Reads the import graph of src/: every import, export-from and dynamic
// import() of every .ts and .svelte file (type-only imports included), resolved
// to repository-relative file paths. The TypeScript compiler's own scanner
// finds them, so strings and comments that look like imports are not counted.

import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to the repository root (e.g. src/formats/types.ts). */
  from: string;
  /** 1-based line of the import in `from`. */
  line: number;
  /** Imported file, relative to the repository root; undefined for packages. */
  to?: string;
  /** The specifier as written. */
  spec: string;
  /** `import type` / `export type` (erased at run time). */
  typeOnly: boolean;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** The script blocks of a Svelte file, with the line each starts on (0-based). */
function svelteScripts(text: string): { code: string; line0: number }[] {
  const out: { code: string; line0: number }[] = [];
  const re = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out.push({ code: m[1], line0: text.slice(0, start).split('\n').length - 1 });
  }
  return out;
}

function resolveSpec(root: string, fromAbs: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromAbs), spec.replace(/\?.*$/, ''));
  for (const cand of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return relative(root, cand);
  }
  return relative(root, base) + ' (missing)';
}

function edgesOf(root: string, abs: string, code: string, line0: number): ImportEdge[] {
  const from = relative(root, abs);
  const sf = ts.createSourceFile(abs, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (node: ts.Node, specNode: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specNode || !ts.isStringLiteralLike(specNode)) return;
    const spec = specNode.text;
    const line = line0 + sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    out.push({ from, line, spec, typeOnly, to: resolveSpec(root, abs, spec) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const allTypes =
        !!c &&
        (c.isTypeOnly ||
          (!c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** All files under `dir` (relative to root) and their import edges. */
export function readImportGraph(root: string, dir = 'src'): { files: string[]; edges: ImportEdge[] } {
  const files = listFiles(join(root, dir));
  const edges: ImportEdge[] = [];
  for (const abs of files) {
    const text = readFileSync(abs, 'utf8');
    if (abs.endsWith('.svelte')) for (const s of svelteScripts(text)) edges.push(...edgesOf(root, abs, s.code, s.line0));
    else edges.push(...edgesOf(root, abs, text, 0));
  }
  return { files: files.map((f) => relative(root, f)), edges };
}

/** File-level cycles (strongly connected components of more than one file, or a file importing itself). */
export function fileCycles(files: string[], edges: ImportEdge[]): string[][] {
  const adj = new Map<string, Set<string>>();
  for (const f of files) adj.set(f, new Set());
  for (const e of edges) if (e.to && adj.has(e.to)) adj.get(e.from)!.add(e.to);
  // Tarjan's algorithm, iterative.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of files) {
    if (idx.has(start)) continue;
    const work: { v: string; it: Iterator<string> }[] = [];
    const enter = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: adj.get(v)![Symbol.iterator]() });
    };
    enter(start);
    while (work.length) {
      const top = work[work.length - 1];
      const n = top.it.next();
      if (!n.done) {
        const w = n.value;
        if (!idx.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].v, Math.min(low.get(work[work.length - 1].v)!, low.get(top.v)!));
      if (low.get(top.v) === idx.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1 || adj.get(top.v)!.has(top.v)) out.push(comp.sort());
      }
    }
  }
  return out;
}
