// The dependency plan of src/, as data (the way Perfetto's tools/check_imports
// keeps its own): each layer and the layers it may import. Arrows point one
// way, down this list; nothing may import a layer above it, and no two files
// may import each other, even through others (type imports included).
// tests/unit/architecture/architecture.test.ts checks every import of src/
// against it.

/**
 * `layer`: may be imported; `layer:type`: only with `import type` (erased at
 * run time); `src/…/file.ts`: that one file (constants a layer may share).
 */
export type Allowed = string;

export const PLAN: Record<string, readonly Allowed[]> = {
  /** Display helpers and growable columns: imports nothing. */
  lib: [],
  /** Bytes → models, one folder per format. */
  formats: ['lib'],
  /** What Go and Kubernetes do (quantities, byte counts, versions, GOMAXPROCS, sources): shared by the linter and the wizard. */
  rules: ['lib'],
  /** Models → findings and chart data; pure. */
  analysis: ['formats', 'rules', 'lib'],
  /** The what-if model: the Go GC calibrated on a run, predictions at other settings; pure. */
  whatif: ['analysis', 'formats', 'rules', 'lib'],
  /** One diagnosis per session: joins every input's analyses, names the cause and the change; pure. */
  diagnosis: ['whatif', 'analysis', 'formats', 'rules', 'lib'],
  /** The report document: schema, assembly, comparison, permalinks. */
  report: ['diagnosis', 'whatif', 'analysis', 'lib'],
  /** The binding table: each input kind's parser tied to its analyses, and the pipeline. */
  kinds: ['report', 'diagnosis', 'whatif', 'analysis', 'formats', 'rules', 'lib'],
  /** Sessions kept in IndexedDB. */
  store: ['report', 'lib'],
  /** Settings + findings → Helm values, Dockerfile, env, Go code. */
  wizard: ['report', 'diagnosis', 'whatif', 'analysis', 'rules', 'lib'],
  /** The Comlink worker: where the pipeline runs in the app. */
  worker: ['kinds', 'report', 'diagnosis', 'whatif', 'analysis', 'formats', 'lib'],
  /** The command line: the same pipeline in Node. */
  cli: ['kinds', 'report', 'diagnosis', 'whatif', 'formats', 'lib'],
  /** The service worker that makes the app work offline. */
  offline: [],
  /** Svelte components: they render reports and never parse (the worker does, so the UI sees its API types only). */
  ui: ['worker:type', 'store', 'wizard', 'report', 'diagnosis', 'whatif', 'analysis', 'formats:type', 'src/formats/limits.ts', 'rules', 'lib'],
  /** src/main.ts: mounts the app. */
  main: ['ui', 'offline'],
};

/** Files outside src/ that src/ may import (plain data). */
export const OUTSIDE_SRC: readonly string[] = ['package.json'];

/**
 * Imports the plan forbids that are still there, as `from -> to` file pairs.
 * This list may only shrink: an entry that no longer matches a forbidden
 * import fails the test too, so it is removed when the import is fixed.
 */
export const EXCEPTIONS: readonly string[] = [];
