// `npm run fuzz -- --minutes N [--target KIND] [--seed S]`: fuzz every format
// in the registry and the pipeline for N minutes in all (split evenly), each
// target in a worker thread so a hang can be stopped: when a worker goes quiet
// for longer than the time bound, its input is regenerated from the seed,
// saved as a regression, and the campaign resumes after it. Prints totals.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { campaign, inputFor, saveRegression, type CampaignResult } from './campaign';
import { loadCorpus } from './corpus';
import { targets, timeBoundMs } from './target';

interface Job {
  target: string;
  firstSeed: number;
  deadline: number;
}

type Msg = { type: 'seed'; seed: number } | { type: 'done'; result: CampaignResult };

if (!isMainThread) {
  const job = workerData as Job;
  // Load (and analyse, for permalink seeds) the corpus before the first seed is
  // announced, so its cost is not taken for a hang of the first input.
  loadCorpus();
  const result = campaign(job.target, { firstSeed: job.firstSeed, deadline: job.deadline, onInput: (seed) => parentPort!.postMessage({ type: 'seed', seed } satisfies Msg) });
  parentPort!.postMessage({ type: 'done', result } satisfies Msg);
} else {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const minutes = Number(opt('minutes') ?? 1);
  const only = opt('target');
  const firstSeed = Number(opt('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const list = only ? only.split(',') : targets();
  const perTarget = (minutes * 60_000) / list.length;

  /** Run one target to its deadline, restarting after hangs. */
  async function fuzzTarget(target: string): Promise<CampaignResult> {
    const deadline = Date.now() + perTarget;
    const total: CampaignResult = { target, inputs: 0, counts: { result: 0, 'format-error': 0, crash: 0 }, sniffed: 0, failures: [] };
    let seed = firstSeed;
    while (Date.now() < deadline) {
      const r = await new Promise<CampaignResult | { hangSeed: number }>((resolve, reject) => {
        const w = new Worker(fileURLToPath(new URL('./worker.mjs', import.meta.url)), { workerData: { target, firstSeed: seed, deadline } satisfies Job });
        let current = seed;
        // The process's CPU time (the worker is its only busy thread), so a
        // starved worker on a loaded machine is not taken for a hung one.
        const cpuMs = () => {
          const c = process.cpuUsage();
          return (c.user + c.system) / 1000;
        };
        let since = Date.now();
        let cpuSince = cpuMs();
        let bound = 300_000; // until the first seed: worker start and corpus load
        const timer = setInterval(() => {
          if (cpuMs() - cpuSince > bound || Date.now() - since > 20 * bound) {
            clearInterval(timer);
            void w.terminate().then(() => resolve({ hangSeed: current }));
          }
        }, 500);
        w.on('message', (m: Msg) => {
          if (m.type === 'seed') {
            current = m.seed;
            since = Date.now();
            cpuSince = cpuMs();
            // 5× the per-input CPU bound, at least 30 s of CPU (20× that in wall time).
            bound = Math.max(30_000, 5 * timeBoundMs(inputFor(target, m.seed).bytes.length));
          } else {
            clearInterval(timer);
            resolve(m.result);
          }
        });
        w.on('error', (e) => {
          clearInterval(timer);
          reject(e);
        });
      });
      if ('hangSeed' in r) {
        const { bytes, recipe } = inputFor(target, r.hangSeed);
        const file = saveRegression(target, bytes);
        total.failures.push({ target, seed: r.hangSeed, kind: 'slow', detail: 'hang: no answer within the bound', recipe, file });
        total.inputs += r.hangSeed - seed + 1; // the worker's own tally is lost with it
        console.log(`FUZZ HANG target=${target} seed=${r.hangSeed} (${recipe}) → ${file}`);
        seed = r.hangSeed + 1;
        continue;
      }
      total.inputs += r.inputs;
      total.sniffed += r.sniffed;
      for (const k of Object.keys(r.counts) as (keyof typeof r.counts)[]) total.counts[k] += r.counts[k];
      total.failures.push(...r.failures);
      break;
    }
    return total;
  }

  console.log(`fuzzing ${list.length} targets for ${minutes} min in all, seeds from ${firstSeed}`);
  const rows: CampaignResult[] = [];
  for (const t of list) {
    const r = await fuzzTarget(t);
    rows.push(r);
    console.log(`${t.padEnd(26)} ${String(r.inputs).padStart(8)} inputs  result ${r.counts.result}  format-error ${r.counts['format-error']}  sniffed ${r.sniffed}  crashes ${r.failures.filter((f) => f.kind === 'crash').length}  slow/hang ${r.failures.filter((f) => f.kind === 'slow').length}`);
  }
  const failures = rows.flatMap((r) => r.failures);
  console.log(`\ntotal ${rows.reduce((n, r) => n + r.inputs, 0)} inputs, ${failures.length} failures`);
  for (const f of failures) console.log(`  ${f.kind} ${f.target} seed=${f.seed} ${f.detail} → ${f.file}`);
  process.exit(failures.length ? 1 : 0);
}
