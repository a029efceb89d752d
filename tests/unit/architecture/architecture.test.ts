// Keeps src/ layered: every import (type imports included) of every .ts and
// .svelte file is checked against the plan in ./plan.ts, and no file may
// reach itself through its imports. Failures name the file and line.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';
import { fileCycles, readImportGraph, type ImportEdge } from './importGraph';
import { EXCEPTIONS, OUTSIDE_SRC, PLAN } from './plan';

const graph = readImportGraph(repoRoot);

/** The layer of a file: the folder under src/, or the file's own name for files at the top (src/main.ts → main). */
export function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return `outside src (${file})`;
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.[^.]+$/, '');
}

/** Why the plan forbids this import, or null when it allows it. */
export function forbidden(e: ImportEdge): string | null {
  if (!e.to) return null; // a package
  if (e.to.endsWith('(missing)')) return `imports ${e.spec}, which does not exist`;
  if (!e.to.startsWith('src/')) return OUTSIDE_SRC.includes(e.to) ? null : 'src/ imports only src/ files and packages';
  const from = layerOf(e.from);
  const to = layerOf(e.to);
  if (from === to) return null;
  const allowed = PLAN[from];
  if (!allowed) return `${from} is not a layer of the plan`;
  if (allowed.includes(to) || allowed.includes(e.to)) return null;
  if (allowed.includes(`${to}:type`)) return e.typeOnly ? null : `${from} may import ${to} with \`import type\` only`;
  return `${from} may not import ${to}`;
}

const at = (e: ImportEdge) => `${e.from}:${e.line}`;
const pair = (e: ImportEdge) => `${e.from} -> ${e.to}`;

describe('architecture: the layers of src/', () => {
  it('reads the imports it checks (the reader sees runtime, type and dynamic imports of .ts and .svelte files)', () => {
    expect(graph.files.length).toBeGreaterThan(150);
    const edges = (from: string) => graph.edges.filter((e) => e.from === from);
    // A Svelte component's imports, with the line in the .svelte file.
    const app = edges('src/ui/App.svelte');
    expect(app.length).toBeGreaterThan(3);
    expect(app.every((e) => e.line > 1)).toBe(true);
    // Type-only imports count (they make cycles too), and are told apart.
    expect(edges('src/report/schema.ts').some((e) => e.typeOnly && e.to === 'src/analysis/finding.ts')).toBe(true);
    expect(graph.edges.some((e) => !e.typeOnly && e.to === 'src/kinds/table.ts')).toBe(true);
  });

  it('every folder of src/ is a layer of the plan, and every layer is allowed only layers that exist', () => {
    const unknown = [...new Set(graph.files.map(layerOf))].filter((l) => !(l in PLAN));
    expect(unknown, 'add the folder to tests/unit/architecture/plan.ts with the layers it may import').toEqual([]);
    for (const [layer, allowed] of Object.entries(PLAN)) {
      for (const a of allowed) expect(a.startsWith('src/') ? graph.files.includes(a) : a.replace(/:type$/, '') in PLAN, `${layer} → ${a}`).toBe(true);
    }
  });

  it('no import points against the plan (outside the shrinking exceptions list)', () => {
    const bad = graph.edges.flatMap((e) => {
      const why = forbidden(e);
      return why && !EXCEPTIONS.includes(pair(e)) ? [`${at(e)} imports ${e.to ?? e.spec}: ${why}`] : [];
    });
    expect(bad, 'move the code to a layer that may import it, or the imported code down').toEqual([]);
  });

  it('the exceptions list holds only imports that still break the plan (it may only shrink)', () => {
    const stillBad = new Set(graph.edges.filter((e) => forbidden(e)).map(pair));
    expect(EXCEPTIONS.filter((x) => !stillBad.has(x)), 'remove these fixed entries from EXCEPTIONS').toEqual([]);
    expect(EXCEPTIONS).toEqual([]);
  });

  it('no file reaches itself through its imports (file-level cycles, type imports included)', () => {
    const cycles = fileCycles(graph.files, graph.edges).map((files) => {
      const inside = new Set(files);
      const arrows = graph.edges.filter((e) => inside.has(e.from) && e.to && inside.has(e.to)).map((e) => `${at(e)} → ${e.to}`);
      return `cycle of ${files.length} files:\n  ${arrows.join('\n  ')}`;
    });
    expect(cycles).toEqual([]);
  });

  it("each layer folder's README names the layers it may import, as the plan says", () => {
    for (const [layer, allowed] of Object.entries(PLAN)) {
      if (layer === 'main') continue; // src/main.ts, not a folder
      const readme = join(repoRoot, 'src', layer, 'README.md');
      expect(existsSync(readme), `src/${layer}/README.md`).toBe(true);
      const imports = /\*\*Imports:\*\*([^]*?)(?:\n\n|$)/.exec(readFileSync(readme, 'utf8'))?.[1] ?? '';
      const named = new Set([...imports.matchAll(/`([a-z]+)`/g)].map((m) => m[1]).filter((n) => n in PLAN));
      const planned = new Set(allowed.filter((a) => !a.startsWith('src/')).map((a) => a.replace(/:type$/, '')));
      expect([...named].sort(), `src/${layer}/README.md **Imports:**`).toEqual([...planned].sort());
    }
  });

  it('the checks catch what they are meant to catch', () => {
    const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, line: 7, spec: 'x', typeOnly });
    expect(forbidden(edge('src/formats/pprof/decode.ts', 'src/analysis/pprof/analyze.ts'))).toBe('formats may not import analysis');
    expect(forbidden(edge('src/analysis/gc/analyze.ts', 'src/report/schema.ts', true))).toBe('analysis may not import report');
    expect(forbidden(edge('src/ui/App.svelte', 'src/worker/worker.ts'))).toMatch(/import type/);
    expect(forbidden(edge('src/ui/App.svelte', 'src/worker/worker.ts', true))).toBeNull();
    expect(forbidden(edge('src/kinds/table.ts', 'src/formats/sniff.ts'))).toBeNull();
    expect(forbidden(edge('src/ui/state/session.svelte.ts', 'src/formats/limits.ts'))).toBeNull();
    expect(forbidden(edge('src/ui/state/session.svelte.ts', 'src/formats/gzip.ts'))).toMatch(/import type/);
    expect(forbidden(edge('src/report/assemble.ts', 'tests/unit/paths.ts'))).toMatch(/only src/);
    const files = ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts'];
    const cyc = fileCycles(files, [edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/c.ts'), edge('src/c.ts', 'src/a.ts', true), edge('src/c.ts', 'src/d.ts')]);
    expect(cyc).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
    expect(fileCycles(files, [edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/c.ts')])).toEqual([]);
  });
});
