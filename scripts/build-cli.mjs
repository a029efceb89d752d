// `npm run build:cli`: the headless CLI (src/cli/analyze.ts) as one bundled
// file, dist-cli/analyze.mjs, run with plain `node dist-cli/analyze.mjs FILE…`
// (no TypeScript loader at run time). bench/gotrace.ts builds the same bundle
// with `bundle` and measures it as users run it.
// Usage: node scripts/build-cli.mjs [outfile]

import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (relative to the repository) into `outfile`; returns outfile. */
export async function bundle(entry, outfile) {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS dependencies (yaml) call require; an ES module has none of its own.
    banner: { js: "import { createRequire as __gotuneRequire } from 'node:module'; const require = __gotuneRequire(import.meta.url);" },
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await bundle('src/cli/analyze.ts', path.resolve(process.argv[2] ?? path.join(root, 'dist-cli/analyze.mjs')));
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
