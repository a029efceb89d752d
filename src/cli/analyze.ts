// Headless: `npm run analyze -- FILE...` runs the same sniffing, parsers and
// analyses as the app's worker and prints the report JSON on stdout. When an
// input fails the JSON is still printed, the reason goes to stderr, exit 1.
// Every input is read with the 1 GiB cap (pipes, FIFOs and devices too), and
// nothing from an input reaches the terminal raw.

import { basename } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { isByteSource } from '../formats/byteSource';
import { runTraceChunkWorker, traceThreadCount, traceThreads } from './traceThreads';
import { analyzeInput } from '../kinds/analyzeInput';
import { assembleReport } from '../report/assemble';
import type { InputReport } from '../report/schema';
import { openInputCapped, type OpenInput } from './readInput';
import { forTerminal, jsonForTerminal } from './terminalText';

/** One line on stderr, with the input text in it made inert (terminalText.ts). */
const say = (line: string) => process.stderr.write(forTerminal(line) + '\n');

/**
 * The report is all the CLI prints, and it holds no timeline: an execution trace's span store (the page's
 * timeline view) is not built. It cost ~6% of a big trace's read and up to a quarter of its size in memory.
 */
const CLI_LIMITS = { timelineBytes: 0 } as const;

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  // --threads N: threads reading an execution trace's chunks of generations (default 1: see traceThreads.ts).
  const ti = args.indexOf('--threads');
  const threadsAsked = ti >= 0 ? Number(args[ti + 1]) : undefined;
  // --verbose: how each input was read, on stderr.
  const verbose = args.includes('--verbose');
  const files = (ti >= 0 ? [...args.slice(0, ti), ...args.slice(ti + 2)] : args).filter((a) => a !== '--verbose');
  if (files.length === 0 || files.includes('-h') || files.includes('--help') || (threadsAsked !== undefined && !(threadsAsked >= 1))) {
    say('usage: npm run analyze -- [--threads N] [--verbose] FILE...');
    say('Prints the gotune report JSON for the files on stdout.');
    say('--threads N: read an execution trace in N chunks of generations in parallel (the same report; about 1.3x the file in memory for 2, more for more). Default: one per core, up to 4, on 4 cores or more with 8 GiB or more, for traces of 32-320 MiB; else 1.');
    say('--verbose: say on stderr how each input was read.');
    return files.length === 0 || threadsAsked !== undefined ? 2 : 0;
  }
  const inputs: InputReport[] = [];
  let failed = false;
  files.forEach((file, i) => {
    const id = `in${i + 1}`;
    const name = basename(file);
    let opened: OpenInput;
    try {
      opened = openInputCapped(file);
    } catch (e) {
      inputs.push({ id, name, kind: 'unknown', bytes: 0, error: `cannot read the file: ${(e as Error).message}` });
      return;
    }
    try {
      const input = opened.input;
      const threads = isByteSource(input) ? traceThreadCount(input.size, threadsAsked) : 1;
      const traceChunks = isByteSource(input) && threads > 1 ? traceThreads(new URL(import.meta.url), file, input.size, threads) : undefined;
      const report = analyzeInput(id, name, input, { limits: CLI_LIMITS, ...(traceChunks ? { traceChunks } : {}) }).report;
      inputs.push(report);
      if (verbose) {
        const how = traceChunks?.chunksRead ? `read in ${traceChunks.chunksRead} chunks of generations, one thread each` : `read in this thread${traceChunks?.failure ? ` (the threads failed: ${traceChunks.failure})` : ''}`;
        say(`gotune: ${file}: ${report.kind}, ${how}, ${report.parseMs} ms`);
      }
    } finally {
      opened.close();
    }
  });
  // Messages name each input by the path given (the report keeps the base name).
  inputs.forEach((inp, i) => {
    if (inp.error) {
      failed = true;
      say(`gotune: ${files[i]}: ${inp.error}`);
    }
    for (const w of inp.warnings ?? []) say(`gotune: ${files[i]}: warning: ${w}`);
  });
  process.stdout.write(jsonForTerminal(JSON.stringify(assembleReport(inputs), null, 2)) + '\n');
  return failed ? 1 : 0;
}

if (isMainThread) process.exitCode = main(process.argv.slice(2));
else runTraceChunkWorker();
