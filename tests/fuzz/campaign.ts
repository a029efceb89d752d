// A fuzz campaign over one target: inputs from consecutive seeds until a count
// or a deadline; each crash or over-time input is printed with its seed and
// saved under tests/fuzz/regressions/<target>-<hash> (replayed by the unit tests).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './mutate';
import { loadCorpus, regressionsDir } from './corpus';
import { generateProto } from './protomutate';
import { generateTrace } from './tracemutate';
import { PIPELINE, PPROF_STRUCTURE, TRACE_STRUCTURE, runOne, timeBoundMs, type Outcome } from './target';

export interface Failure {
  target: string;
  seed: number;
  kind: 'crash' | 'slow';
  detail: string;
  recipe: string;
  file: string;
}

export interface CampaignResult {
  target: string;
  inputs: number;
  counts: Record<Outcome, number>;
  /** Inputs the target's own sniffer accepted. */
  sniffed: number;
  failures: Failure[];
}

export interface CampaignOptions {
  firstSeed?: number;
  maxInputs?: number;
  deadline?: number;
  /** Called before each input (the runner uses it to notice hangs). */
  onInput?: (seed: number) => void;
  save?: boolean;
  log?: (line: string) => void;
}

/** The input a seed gives for a target (same corpus → same bytes). */
export function inputFor(target: string, seed: number) {
  const c = loadCorpus();
  if (target === PPROF_STRUCTURE) return generateProto(seed, c.byKind.get('pprof') ?? []);
  // Whole traces up to 1 MiB (a cut one is broken before any mutation); bigger ones make each input slow.
  if (target === TRACE_STRUCTURE) return generateTrace(seed, (c.wholeByKind.get('gotrace') ?? []).filter((s) => s.bytes.length <= 1 << 20));
  const own = target === PIPELINE ? c.all : (c.byKind.get(target) ?? c.all);
  return generate(seed, own.length ? own : c.all, c.all);
}

export function saveRegression(target: string, bytes: Uint8Array): string {
  mkdirSync(regressionsDir, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const file = join(regressionsDir, `${target}-${hash}`);
  if (!existsSync(file)) writeFileSync(file, bytes);
  return file;
}

export function campaign(target: string, o: CampaignOptions = {}): CampaignResult {
  const counts: Record<Outcome, number> = { result: 0, 'format-error': 0, crash: 0 };
  let sniffed = 0;
  const failures: Failure[] = [];
  const log = o.log ?? ((l: string) => console.log(l));
  let seed = o.firstSeed ?? 1;
  let inputs = 0;
  while ((o.maxInputs === undefined || inputs < o.maxInputs) && (o.deadline === undefined || Date.now() < o.deadline)) {
    o.onInput?.(seed);
    const { bytes, recipe } = inputFor(target, seed);
    const r = runOne(target, bytes);
    inputs++;
    counts[r.outcome]++;
    if (r.sniffed) sniffed++;
    const slow = r.ms > timeBoundMs(bytes.length);
    if (r.outcome === 'crash' || slow) {
      const kind = r.outcome === 'crash' ? 'crash' : 'slow';
      const detail = kind === 'crash' ? r.detail! : `took ${r.ms.toFixed(0)} ms CPU (${r.wallMs.toFixed(0)} ms wall) for ${bytes.length} bytes (bound ${timeBoundMs(bytes.length).toFixed(0)} ms)`;
      const file = o.save === false ? '' : saveRegression(target, bytes);
      failures.push({ target, seed, kind, detail, recipe, file });
      log(`FUZZ ${kind.toUpperCase()} target=${target} seed=${seed} (${recipe}) ${detail}${file ? ` → ${file}` : ''}`);
    }
    seed++;
  }
  return { target, inputs, counts, sniffed, failures };
}
