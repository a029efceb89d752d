// Bench: pprof decode + aggregate on a large generated profile (≥ 50 MB raw,
// 150k locations, 620k samples; written by bench/pprof-synth.ts at bench time)
// and on google/pprof's large.cpu from ../shared when present. Prints medians
// and ratios against references timed on the same bytes:
//   - gunzip (fflate) of the same profile: the floor every reader pays;
//   - `go tool pprof -top` as a whole process, when Go is installed (the tool
//     people use today; its time includes process start).
// Run: npx tsx bench/pprof.ts

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'fflate';
import { callTree, treeValues } from '../src/analysis/pprof/callTree';
import { buildNodes } from '../src/analysis/pprof/nodes';
import { analyzeProfile } from '../src/analysis/pprof/analyze';
import { flameData } from '../src/analysis/pprof/flame';
import { basePrepared } from '../src/analysis/pprof/prepare';
import { sampleIndexByName } from '../src/analysis/pprof/sampleIndex';
import { topTable } from '../src/analysis/pprof/top';
import { decodeProfile } from '../src/formats/pprof/decode';
import { synthProfile } from './pprof-synth';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/** decode → top table (default type) → call tree + values for the flame graph, each timed. */
function decodeAndAggregate(raw: Uint8Array) {
  const [p, decodeMs] = time(() => decodeProfile(raw));
  const t = sampleIndexByName(p, '');
  const [, topMs] = time(() => topTable(p, { sampleIndex: t }));
  const [, flameMs] = time(() => {
    const prep = basePrepared(p);
    const tree = callTree(prep, buildNodes(prep));
    return treeValues(prep, tree, t);
  });
  return { p, decodeMs, topMs, flameMs };
}

function goPprofMs(gz: Uint8Array): number | null {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gotune-pprof-bench-'));
  try {
    const f = path.join(dir, 'p.pb.gz');
    writeFileSync(f, gz);
    const t0 = performance.now();
    execFileSync('go', ['tool', 'pprof', '-symbolize=none', '-top', '-nodecount=20', f], { stdio: 'ignore', env: { ...process.env, PPROF_BINARY_PATH: dir } });
    return performance.now() - t0;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchOne(name: string, gz: Uint8Array, runs: number, withGo: boolean): Promise<void> {
  const gzMs: number[] = [];
  const dec: number[] = [];
  const top: number[] = [];
  const flame: number[] = [];
  let info = '';
  let rawMB = 0;
  for (let r = 0; r < runs + 1; r++) {
    const [raw, g] = time(() => gunzipSync(gz));
    const x = decodeAndAggregate(raw);
    if (r === 0) {
      rawMB = raw.length / 1e6;
      info = `${(raw.length / 1e6).toFixed(1)} MB raw, ${x.p.numSamples} samples, ${x.p.numLocations} locations, ${x.p.numFunctions} functions`;
      continue; // warm-up
    }
    gzMs.push(g);
    dec.push(x.decodeMs);
    top.push(x.topMs);
    flame.push(x.flameMs);
  }
  const ours = median(dec) + median(top);
  console.log(`\n${name}: ${info}`);
  console.log(`  gunzip (fflate)         ${median(gzMs).toFixed(0).padStart(6)} ms`);
  console.log(`  decode                  ${median(dec).toFixed(0).padStart(6)} ms  (${(rawMB / (median(dec) / 1000)).toFixed(0)} MB/s)`);
  console.log(`  top table (pprof -top)  ${median(top).toFixed(0).padStart(6)} ms`);
  console.log(`  flame graph data        ${median(flame).toFixed(0).padStart(6)} ms`);
  console.log(`  decode+top = ${ours.toFixed(0)} ms = ${(ours / median(gzMs)).toFixed(2)}× the gunzip of the same file`);
  if (withGo) {
    const go = goPprofMs(gz);
    if (go !== null) console.log(`  go tool pprof -top (whole process): ${go.toFixed(0)} ms → gotune ${(go / (median(gzMs) + ours)).toFixed(1)}× faster (gunzip included)`);
  }
}

/** Decode + analyse (report) + the first view (top + flame) of a heap profile; JS heap held and peak RSS. */
export function heapMemory(scale: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples = Math.max(10, Math.round(970_000 * scale));
  const raw = synthProfile({ samples, locations: Math.max(10, Math.round(150_000 * scale)), functions: Math.max(10, Math.round(40_000 * scale)), heap: true });
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const p = decodeProfile(raw);
  const report = analyzeProfile(p);
  const prep = basePrepared(p);
  const t = sampleIndexByName(p, '');
  topTable(p, { sampleIndex: t, nodeFraction: 0 }, prep);
  flameData(prep, buildNodes(prep), t);
  const ms = performance.now() - t0;
  gc?.();
  const after = process.memoryUsage();
  const held = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6;
  console.log(
    `heap profile memory: ${(raw.length / 1e6).toFixed(1)} MB profile.proto (${samples} samples, 4 types), decode+analyse+first view ${ms.toFixed(0)} ms, ` +
      `model held ${held.toFixed(0)} MB${gc ? '' : ' (run with --expose-gc for an exact figure)'}, process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB` +
      ` (top: ${report.profile?.top[0]?.name ?? '—'})`,
  );
}

/** `scale` shrinks the generated profile (bench/run.ts --tiny passes 0.002); large.cpu runs only at full scale. */
export async function benchPprof(scale = Number(process.argv[2] ?? 1)): Promise<void> {
  heapMemory(scale);
  const t0 = performance.now();
  const n = (x: number) => Math.max(10, Math.round(x * scale));
  const raw = synthProfile({ samples: n(620_000), locations: n(150_000), functions: n(40_000) });
  console.log(`pprof bench: generated ${(raw.length / 1e6).toFixed(1)} MB profile in ${(performance.now() - t0).toFixed(0)} ms`);
  await benchOne('synthetic (bench/pprof-synth.ts)', gzipSync(raw, { level: 1 }), 3, true);
  const large = path.resolve(root, '../shared/fixtures/pprof/google-pprof__large.cpu');
  if (scale < 1) console.log('large.cpu skipped at this scale');
  else if (existsSync(large)) await benchOne('google/pprof large.cpu', new Uint8Array(readFileSync(large)), 9, true);
  else console.log('large.cpu skipped: ../shared/fixtures/pprof not found');
  if (globalThis.gc) {
    globalThis.gc();
    console.log(`\nheap after: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchPprof();
