// `npm run bench`: runs every benchmark script in bench/ as its own process
// and prints one Markdown table — input, size, our time, reference time, ratio,
// peak memory, longest main-thread task — then writes it with the machine and
// versions to bench/RESULTS.md. `npm run bench -- --tiny` runs tiny inputs
// only (to prove the scripts still work; its numbers mean nothing) and writes
// nowhere unless --out FILE is given.
//
// Each script keeps its own output (kept below the table in RESULTS.md); the
// table is read from it by the small parsers here, so a script whose output
// changes shape fails the tiny run rather than silently leaving a hole.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Row {
  input: string;
  size: string;
  oursMs: number;
  reference: string;
  refMs: number | null;
  /** MiB; from the script when it measures it, else the process's peak RSS. */
  peakMiB: number | null;
  longestTaskMs: number | null;
}

/** A row as a script's output gives it; peak memory only when the script measures it. */
type BenchRow = Omit<Row, 'peakMiB'> & { peakMiB?: number | null };

interface Bench {
  script: string;
  /** Arguments for full and tiny runs; null = not run in that mode. */
  full: string[] | null;
  tiny: string[] | null;
  needsGo?: boolean;
  /** Rows from the script's output (throws when the output has an unexpected shape). */
  rows(out: string): BenchRow[];
}

const num = (out: string, re: RegExp, what: string): number => {
  const m = re.exec(out);
  if (!m) throw new Error(`could not find ${what} (${re}) in the output`);
  return Number(m[1]);
};

export const BENCHES: Bench[] = [
  {
    script: 'permalink.ts',
    full: ['20'],
    tiny: ['1'],
    rows: (o) =>
      [...o.matchAll(/permalink (\S+): report ([\d.]+) KiB, link (\d+) chars[^\n]*\n\s+gotune make link\s+median ([\d.]+) ms\n\s+reference: stringify\+deflate whole report median ([\d.]+) ms/g)].map((m) => ({
        input: `permalink of the ${m[1]} fixture session (${m[3]} URL chars)`,
        size: `${m[2]} KiB report`,
        oursMs: Number(m[4]),
        reference: 'JSON.stringify + deflate of the whole report',
        refMs: Number(m[5]),
        longestTaskMs: null,
      })),
  },
  {
    script: 'gctrace.ts',
    full: [],
    tiny: ['2000'],
    rows: (o) => [
      {
        input: `gctrace log, ${num(o, /gctrace: (\d+) lines/, 'lines')} lines`,
        size: `${num(o, /([\d.]+) MiB, median/, 'size')} MiB`,
        oursMs: num(o, /gotune parse\+analyse\s+(\d+) ms/, 'our time'),
        reference: 'documented gctrace regex per line',
        refMs: num(o, /reference regex\/line\s+(\d+) ms/, 'reference time'),
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'godebug-interleaved.ts',
    full: [],
    tiny: ['2000'],
    rows: (o) => [
      {
        input: `interleaved GODEBUG log, ${num(o, /godebug-interleaved: (\d+) lines/, 'lines')} lines`,
        size: `${num(o, /lines, ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /gotune parse\+analyse\s+median (\d+) ms/, 'our time'),
        reference: 'one regex per stream per line',
        refMs: num(o, /reference: regex\/line\s+median (\d+) ms/, 'reference time'),
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'goroutines.ts',
    full: [],
    tiny: ['2000'],
    needsGo: true,
    rows: (o) => [
      {
        input: `goroutine dump debug=2, ${num(o, /dump of (\d+) goroutines/, 'goroutines')} goroutines`,
        size: `${num(o, /goroutines, ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /gotune parse\+group\s+median (\d+) ms/, 'our time'),
        reference: 'split + header regex + group by stack text',
        refMs: num(o, /reference: split\+regex median (\d+) ms/, 'reference time'),
        peakMiB: num(o, /JS heap (\d+) MiB/, 'heap'),
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'gotrace.ts',
    full: [],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => [
      {
        input: 'execution trace (Go 1.26, busy program)',
        size: `${num(o, /\(([\d.]+) MB\)/, 'size')} MB`,
        oursMs: 1000 * num(o, /gotune\s+parse\+analyse: ([\d.]+) s/, 'our time'),
        reference: 'golang.org/x/exp/trace read loop (Go)',
        refMs: 1000 * num(o, /Go x\/exp\/trace read:\s+([\d.]+) s/, 'reference time'),
        peakMiB: (num(o, /peak ≈ (\d+) MB/, 'peak') * 1e6) / 1048576,
        longestTaskMs: null,
      },
      // Whole processes (the bundled CLI; the analyses without the span store), and the big trace's when
      // GOTUNE_BENCH_BIG_MB is set: input says the peak RSS ÷ file and the generations read.
      ...(() => {
        const go = new Map([...o.matchAll(/^(whole process|big trace) Go x\/exp\/trace read loop: [\d.]+ MB\s+([\d.]+) s wall/gm)].map((m) => [m[1], 1000 * Number(m[2])]));
        const rows = [...o.matchAll(/^(whole process|big trace) (CLI bundled|page's read)([^:]*): ([\d.]+) MB\s+([\d.]+) s wall\s+[\d.]+ s CPU\s+peak RSS (\d+) MB = ([\d.]+)× file\s+(\d+) generations read \(([^)]*)\)/gm)].map((m) => ({
          input: `execution trace, ${m[2] === 'CLI bundled' ? `bundled CLI (parse + analyses, no timeline)${/--threads \d+/.exec(m[3])?.[0].replace(/^/, ', ') ?? ''}` : "the page's read (parse + analyses + timeline spans)"}, whole process: peak RSS ${m[7]}× file, ${m[8]} generations (${m[9].startsWith('the whole') ? '100%' : m[9].split(':')[0]})`,
          size: `${m[4]} MB`,
          oursMs: 1000 * Number(m[5]),
          reference: 'golang.org/x/exp/trace read loop (Go)',
          refMs: go.get(m[1]) ?? null,
          peakMiB: (Number(m[6]) * 1e6) / 1048576,
          longestTaskMs: null,
        }));
        if (rows.length < 2) throw new Error('could not find the whole-process rows in the output');
        return rows;
      })(),
    ],
  },
  {
    // Each step of a chunked read timed alone, the wall with a core per chunk projected (this machine has 2).
    script: 'gotrace-chunks.ts',
    full: ['200'],
    tiny: ['15', '2'],
    needsGo: true,
    rows: (o) => {
      const size = `${num(o, /^trace: \S+ \((\d+) MB\)/m, 'size')} MB`;
      const refMs = 1000 * num(o, /Go's x\/exp\/trace read loop: ([\d.]+) s/, "Go's loop");
      const rows = [...o.matchAll(/^\| (\d+) \|.*\| \*\*([\d.]+) s\*\* \|/gm)].map((m) => ({
        input: `execution trace read in ${m[1]} chunks, projected with a core per chunk (each step timed alone, no timeline)`,
        size,
        oursMs: 1000 * Number(m[2]),
        reference: 'golang.org/x/exp/trace read loop (Go)',
        refMs,
        peakMiB: null,
        longestTaskMs: null,
      }));
      if (!rows.length) throw new Error('could not find the chunk rows in the output');
      return rows;
    },
  },
  {
    script: 'timeline.ts',
    full: [],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => {
      const size = `${num(o, /timeline trace: \S+ \(([\d.]+) MB\)/, 'size')} MB`;
      const parse = num(o, /timeline parse\+analyse (\d+) ms/, 'parse');
      const reference = 'parse + analyses of the same trace';
      return [
        { input: 'trace timeline: first paint (info + whole-trace tile, 1400 px)', size, oursMs: num(o, /timeline first paint ([\d.]+) ms/, 'first paint'), reference, refMs: parse, longestTaskMs: null },
        { input: 'trace timeline: zoomed tile query (1/50 of the trace), median', size, oursMs: num(o, /timeline zoomed tile median ([\d.]+) ms/, 'zoomed tile'), reference, refMs: parse, longestTaskMs: null },
        // The store's cost as a ratio: the reader with the store against the
        // reader alone, same trace, same process. A difference of two medians
        // can come out negative on a tiny trace (CI saw -4 ms and -16 ms).
        {
          input: 'trace timeline: reader + span store (reference: the reader alone)',
          size,
          oursMs: num(o, /reader \+ store ([\d.]+) ms/, 'reader + store'),
          reference: 'the trace reader alone, same trace',
          refMs: num(o, /reader alone ([\d.]+) ms/, 'reader alone'),
          longestTaskMs: null,
        },
      ];
    },
  },
  {
    script: 'pprof.ts',
    full: [],
    tiny: ['0.002'],
    rows: (o) => {
      const rows: BenchRow[] = [];
      for (const block of o.split(/\n(?=\S.*: [\d.]+ MB raw)/).slice(1)) {
        const name = /^(.*): ([\d.]+) MB raw/.exec(block)!;
        const gz = num(block, /gunzip \(fflate\)\s+(\d+) ms/, 'gunzip');
        const ours = num(block, /decode\+top = (\d+) ms/, 'decode+top');
        const goMs = /go tool pprof -top \(whole process\): (\d+) ms/.exec(block);
        rows.push({
          input: `pprof ${name[1]} (decode + top, gunzip included)`,
          size: `${name[2]} MB raw`,
          oursMs: gz + ours,
          reference: goMs ? 'go tool pprof -top (whole process)' : 'go tool pprof (Go not installed)',
          refMs: goMs ? Number(goMs[1]) : null,
          longestTaskMs: null,
        });
      }
      if (!rows.length) throw new Error('no profile results in the output');
      return rows;
    },
  },
  {
    script: 'gctrace-browser.ts',
    full: [],
    tiny: ['2000'],
    rows: (o) => [
      {
        input: `gctrace log dropped in Chromium, ${num(o, /Chromium: (\d+) lines/, 'lines')} lines`,
        size: `${num(o, /lines, ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /worker parse\+analyse (\d+) ms/, 'worker time'),
        reference: '—',
        refMs: null,
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task (\d+) ms/, 'longest task'),
      },
    ],
  },
  {
    script: 'gotrace-browser.ts',
    full: ['50'],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => [
      {
        input: `execution trace dropped in Chromium${/drop → first chart (\d+) ms/.exec(o) ? ` (first chart after ${/drop → first chart (\d+) ms/.exec(o)![1]} ms)` : ''}`,
        size: `${num(o, /Chromium: ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /worker parse\+analyse (\d+) ms/, 'worker time'),
        reference: '—',
        refMs: null,
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task (\d+) ms/, 'longest task'),
      },
    ],
  },
  {
    script: 'trace-charts-browser.ts',
    full: ['50'],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => [
      {
        input: `execution trace's charts drawn as they are scrolled into view in Chromium, 1366 px wide: the slowest chart, wall (CPU of its longest step ${Math.max(...[.../    CPU of the task drawing each \(ms\) (.*)/.exec(o)?.[1].matchAll(/ (\d+)(?:,|$)/g) ?? []].map((m) => Number(m[1])), 0)} ms)`,
        size: `${num(o, /Chromium: ([\d.]+) MiB trace/, 'size')} MiB`,
        oursMs: Math.max(...[.../chart draws \(wall ms\) (.*)/.exec(o)?.[1].matchAll(/ (\d+)(?:,|$)/g) ?? []].map((m) => Number(m[1])), 0),
        reference: '—',
        refMs: null,
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task while scrolling: (\d+) ms wall/, 'longest task'),
      },
    ],
  },
  {
    script: 'timeline-browser.ts',
    full: ['50'],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => [
      {
        input: `trace timeline in Chromium: zoom/pan step, key press → frame painted, median (max ${num(o, /over the frame\): median [\d.]+ ms, max ([\d.]+) ms/, 'max step')} ms); first paint ${num(o, /first timeline paint (\d+) ms/, 'first paint')} ms after the report`,
        size: `${num(o, /Chromium: ([\d.]+) MiB trace/, 'size')} MiB`,
        oursMs: num(o, /median ([\d.]+) ms, max/, 'median step'),
        reference: 'one 60 Hz frame (16.7 ms)',
        refMs: 16.7,
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task while zooming and panning (\d+) ms/, 'longest task'),
      },
    ],
  },
  {
    script: 'reopen-browser.ts',
    full: ['50'],
    tiny: ['1'],
    needsGo: true,
    rows: (o) => [
      {
        input: `saved session with an execution trace reopened in Chromium → CPU flame graph drawn (goal under 500 ms)`,
        size: `${num(o, /execution trace ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /CPU flame graph drawn (\d+) ms/, 'reopen time'),
        reference: 'reading the trace again (worker parse+analyse at the drop, same run)',
        refMs: num(o, /reading the trace again would take (\d+) ms/, 'parse time'),
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task (\d+) ms/, 'longest task'),
      },
      {
        input: `the same reopen, scrolled to the trace timeline → lanes drawn from the overview kept with the session (goal well under a second; traces read again: ${num(o, /traces read again during the reopen: (\d+)/, 'reads')})`,
        size: `${num(o, /from the ([\d.]+) MiB timeline/, 'timeline size')} MiB stored`,
        oursMs: num(o, /scrolled to the timeline → its lanes drawn (\d+) ms/, 'timeline time'),
        reference: 'reading the trace again (worker parse+analyse at the drop, same run)',
        refMs: num(o, /reading the trace again would take (\d+) ms/, 'parse time'),
        peakMiB: null,
        longestTaskMs: null,
      },
      {
        input: 'the same, scrolled to the timeline → its detail read from the session (zoom, clicks and statistics answer)',
        size: `${num(o, /from the ([\d.]+) MiB timeline/, 'timeline size')} MiB stored`,
        oursMs: num(o, /its detail read \(zoom and clicks answer\) (\d+) ms/, 'detail time'),
        reference: 'reading the trace again (worker parse+analyse at the drop, same run)',
        refMs: num(o, /reading the trace again would take (\d+) ms/, 'parse time'),
        peakMiB: null,
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'trace-workers-browser.ts',
    full: ['200', '2', '2'],
    tiny: ['1', '2', '1'],
    needsGo: true,
    rows: (o) => {
      const n = num(o, /one worker vs (\d+)/, 'workers');
      const one = new RegExp(`^  1 worker \\(chunks read: \\d+\\): analysed in (\\d+) ms`, 'm');
      const many = new RegExp(`^  ${n} workers \\(chunks read: (\\d+)[^)]*\\): analysed in (\\d+) ms; .*\\(([\\d.]+)× the file\\)`, 'm');
      const m = many.exec(o);
      if (!m) throw new Error('no row for the workers in the output');
      return [
        {
          input: `execution trace dropped in Chromium, read by ${n} workers in chunks (${m[1]} chunks read; ${m[3]}× the file in memory)`,
          size: `${num(o, /Chromium: ([\d.]+) MB/, 'size')} MB`,
          oursMs: Number(m[2]),
          reference: 'one worker, same trace, same run',
          refMs: num(o, one, 'one worker'),
          peakMiB: null,
          longestTaskMs: null,
        },
      ];
    },
  },
  {
    script: 'many-files-browser.ts',
    full: ['500'],
    tiny: ['20'],
    rows: (o) => [
      {
        input: `${num(o, /Chromium: (\d+) small files/, 'files')} small files dropped at once in Chromium (drop → all analysed and saved)`,
        size: `${num(o, /small files, ([\d.]+) MiB/, 'size')} MiB`,
        oursMs: num(o, /all analysed and saved (\d+) ms/, 'browser time'),
        reference: 'npm run analyze on the same files (whole process)',
        refMs: num(o, /npm run analyze on the same files (\d+) ms/, 'CLI time'),
        peakMiB: null,
        longestTaskMs: num(o, /longest main-thread task (\d+) ms/, 'longest task'),
      },
    ],
  },
  {
    script: 'gzip-bomb.ts',
    full: [],
    tiny: ['16'],
    rows: (o) => [
      {
        input: `gzip bomb through the worker's gzip path (Node), cap ${num(o, /cap (\d+) MiB/, 'cap')} MiB; peak ${num(o, /= ([\d.]+)× the cap/, 'peak ratio')}× the cap (goal < 1.3×)`,
        size: `${num(o, /gzip bomb: ([\d.]+) MiB gzip/, 'size')} MiB gzip`,
        oursMs: num(o, /worker path (\d+) ms/, 'time'),
        reference: '—',
        refMs: null,
        peakMiB: num(o, /above the baseline (\d+) MiB/, 'peak'),
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'gzip-bomb-browser.ts',
    full: [],
    tiny: null,
    rows: (o) => [
      {
        input: `gzip bomb dropped in Chromium, cap ${num(o, /cap (\d+) MiB/, 'cap')} MiB; peak ${num(o, /= ([\d.]+)× the cap/, 'peak ratio')}× the cap (goal < 1.3×)`,
        size: `${num(o, /Chromium: ([\d.]+) MiB gzip/, 'size')} MiB gzip`,
        oursMs: num(o, /drop → message (\d+) ms/, 'time'),
        reference: '—',
        refMs: null,
        peakMiB: num(o, /above the baseline (\d+) MiB/, 'peak'),
        longestTaskMs: null,
      },
    ],
  },
  {
    script: 'pprof-browser.ts',
    full: ['3'],
    tiny: null,
    rows: (o) =>
      [...o.matchAll(/^(\S+) \(([\d.]+) MB file\): speedscope import (?:(\d+) ms|> 180 s); gotune worker (\d+) ms/gm)].map((m) => ({
        input: `pprof ${m[1]} in Chromium (parse + flame graph)`,
        size: `${m[2]} MB`,
        oursMs: Number(m[4]),
        reference: 'speedscope import, same browser',
        refMs: m[3] ? Number(m[3]) : null,
        peakMiB: null,
        longestTaskMs: null,
      })),
  },
];

function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const fmtMs = (ms: number | null) => (ms === null ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export function table(rows: Row[]): string {
  const lines = ['| input | size | our time | reference | reference time | ratio (ours/ref) | peak memory | longest main-thread task |', '|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const ratio = r.refMs ? `${(r.oursMs / r.refMs).toFixed(2)}×` : '—';
    lines.push(`| ${r.input} | ${r.size} | ${fmtMs(r.oursMs)} | ${r.reference} | ${fmtMs(r.refMs)} | ${ratio} | ${r.peakMiB === null ? '—' : `${r.peakMiB.toFixed(0)} MiB`} | ${r.longestTaskMs === null ? '—' : fmtMs(r.longestTaskMs)} |`);
  }
  return lines.join('\n');
}

function machine(): string {
  const v = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
    } catch {
      return 'not available';
    }
  };
  const pkg = (n: string) => {
    try {
      return JSON.parse(readFileSync(path.join(root, 'node_modules', n, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  return [
    `- machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 1073741824).toFixed(0)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node ${process.version}, Go: ${v('go', ['version'])}, Chromium: ${v(process.env.GOTUNE_CHROMIUM ?? '/usr/bin/chromium', ['--version'])}`,
    `- gotune ${pkg('..')}, fflate ${pkg('fflate')}, vite ${pkg('vite')}, svelte ${pkg('svelte')}, echarts ${pkg('echarts')}`,
    `- date: ${new Date().toISOString()}`,
  ].join('\n');
}

export interface RunOptions {
  tiny: boolean;
  only?: string[];
  log?: (s: string) => void;
}

export interface Result {
  rows: Row[];
  outputs: { script: string; status: string; output: string }[];
  failures: string[];
}

export function runAll(o: RunOptions): Result {
  const log = o.log ?? ((s: string) => console.log(s));
  const go = hasGo();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gotune-bench-'));
  const rows: Row[] = [];
  const outputs: Result['outputs'] = [];
  const failures: string[] = [];
  try {
    for (const b of BENCHES) {
      if (o.only && !o.only.includes(b.script)) continue;
      const args = o.tiny ? b.tiny : b.full;
      if (!existsSync(path.join(root, 'bench', b.script))) continue;
      if (!args) {
        outputs.push({ script: b.script, status: `not run in ${o.tiny ? 'tiny' : 'full'} mode`, output: '' });
        continue;
      }
      if (b.needsGo && !go) {
        outputs.push({ script: b.script, status: 'skipped: needs Go', output: '' });
        log(`${b.script}: skipped (needs Go)`);
        continue;
      }
      const peakFile = path.join(tmp, `${b.script}.peak`);
      log(`running bench/${b.script} ${args.join(' ')}…`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(root, 'bench/peak.mjs'), path.join('bench', b.script), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, GOTUNE_BENCH_PEAK: peakFile },
        maxBuffer: 64 << 20,
      });
      const output = `${r.stdout ?? ''}${r.stderr ? `\n${r.stderr}` : ''}`.trim();
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      if (r.status !== 0) {
        failures.push(`${b.script} exited with ${r.status ?? r.signal}: ${output.slice(-2000)}`);
        // Rows it printed before failing are still measurements; keep them, marked.
        let partial: BenchRow[] = [];
        try {
          partial = b.rows(r.stdout ?? '');
        } catch {
          partial = [];
        }
        for (const x of partial) rows.push({ ...x, input: `${x.input} (the script failed later)`, peakMiB: 'peakMiB' in x ? (x.peakMiB ?? null) : null });
        outputs.push({ script: b.script, status: `failed (${secs} s)${partial.length ? `, ${partial.length} rows kept` : ''}`, output });
        continue;
      }
      const rss = existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) / 1024 : null;
      const skipped = /^.*\bskipped\b.*$/im.exec(r.stdout);
      try {
        const got = b.rows(r.stdout);
        if (!got.length && skipped) {
          outputs.push({ script: b.script, status: `skipped: ${skipped[0].trim()}`, output });
          log(`${b.script}: ${skipped[0].trim()}`);
          continue;
        }
        if (!got.length) throw new Error('no result rows');
        // A row that sets peakMiB (even to null: a browser bench, where Node's RSS says nothing) keeps it.
        for (const x of got) rows.push({ ...x, peakMiB: 'peakMiB' in x ? (x.peakMiB ?? null) : rss });
        outputs.push({ script: b.script, status: `ok (${secs} s)`, output });
      } catch (e) {
        failures.push(`${b.script}: ${(e as Error).message}\n${output.slice(-2000)}`);
        outputs.push({ script: b.script, status: `output not understood (${secs} s)`, output });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rows, outputs, failures };
}

export function resultsMarkdown(r: Result, tiny: boolean): string {
  return [
    `# Benchmarks${tiny ? ' (tiny inputs: proves the scripts work, the numbers mean nothing)' : ''}`,
    '',
    'Made by `npm run bench` (bench/run.ts). Our time is parse + analyse unless the row says otherwise; the reference runs in the same process on the same bytes (or, for Go tools, on the same file on the same machine). Peak memory is what the script measured when it does, otherwise the peak RSS of the whole bench process (Node included). Longest main-thread task is measured in Chromium with the Long Tasks API (— when the bench runs in Node). The execution-trace "whole process" rows run the bundled CLI (`npm run build:cli`; its report holds no timeline, so it keeps no span store) and the page\'s read (the analyses plus the timeline\'s span store) in their own processes (peak RSS ÷ file size, input included); rows for a ~1 GB trace take minutes and run only with `GOTUNE_BENCH_BIG_MB=1000 npm run bench` (the trace is made at bench time and cached in bench/out/).',
    '',
    machine(),
    '',
    table(r.rows),
    '',
    '## Script outputs',
    '',
    ...r.outputs.flatMap((o) => [`### bench/${o.script} — ${o.status}`, '', ...(o.output ? ['```', o.output, '```', ''] : [''])]),
  ].join('\n');
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  const args = process.argv.slice(2);
  const tiny = args.includes('--tiny');
  const outIdx = args.indexOf('--out');
  const onlyIdx = args.indexOf('--only');
  const r = runAll({ tiny, only: onlyIdx >= 0 ? args[onlyIdx + 1].split(',') : undefined });
  console.log(`\n${table(r.rows)}\n`);
  const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : tiny ? null : path.join(root, 'bench/RESULTS.md');
  if (out) {
    writeFileSync(out, resultsMarkdown(r, tiny));
    console.log(`written to ${path.relative(root, out) || out}`);
  }
  for (const f of r.failures) console.error(`FAILED ${f}`);
  process.exit(r.failures.length ? 1 : 0);
}
