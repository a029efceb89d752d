// The seed corpus: every real fixture under tests/fixtures, unwrapped from gzip
// and grouped by the format the sniffer picks, so a format that lands in the
// registry with fixtures is fuzzed from its own files with no change here.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import { isGzip } from '../../src/formats/gzip';
import { makeSample } from '../../src/formats/sniff';
import { sniffKind } from '../../src/kinds/table';
import { permalinkSeeds } from './permalink';
import { timelineFileSeeds } from './timelineFile';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const regressionsDir = resolve(repoRoot, 'tests/fuzz/regressions');

/** Seeds are cut to this size so one mutation round stays cheap (a cut file is a good seed too). */
const MAX_SEED = 256 * 1024;

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

export interface Corpus {
  /** Unwrapped fixtures by sniffed kind. */
  byKind: Map<string, Seed[]>;
  /** Every fixture as stored (gzip files still gzipped), for the pipeline target. */
  all: Seed[];
  /** Unwrapped fixtures by kind, not cut: structure-aware mutators need whole files (a cut trace is broken before any mutation). */
  wholeByKind: Map<string, Seed[]>;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (!/golden/.test(e)) out.push(...files(p));
    } else if (!/^(README|SOURCES)\.md$|^GOVERSION$|golden/.test(e)) out.push(p);
  }
  return out;
}

let cached: Corpus | undefined;

export function loadCorpus(): Corpus {
  if (cached) return cached;
  const root = resolve(repoRoot, 'tests/fixtures');
  const byKind = new Map<string, Seed[]>();
  const all: Seed[] = [];
  const wholeByKind = new Map<string, Seed[]>();
  for (const f of files(root)) {
    const name = relative(root, f);
    const raw = new Uint8Array(readFileSync(f));
    all.push({ name, bytes: raw.subarray(0, MAX_SEED) });
    const data = isGzip(raw) ? gunzipSync(raw) : raw;
    const kind = sniffKind(makeSample(data))?.format.kind ?? 'unknown';
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push({ name, bytes: data.subarray(0, MAX_SEED) });
    if (!wholeByKind.has(kind)) wholeByKind.set(kind, []);
    wholeByKind.get(kind)!.push({ name, bytes: data });
  }
  byKind.set('permalink', permalinkSeeds(root));
  byKind.set('timeline-file', timelineFileSeeds(root));
  cached = { byKind, all, wholeByKind };
  return cached;
}
