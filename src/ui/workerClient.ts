// Main-thread handle on the analysis worker. Cancel terminates the worker (the
// only way to stop a synchronous parse at once) and starts a fresh one.

import * as Comlink from 'comlink';
import type { WorkerApi } from '../worker/worker';
import type { AnalyzeRequestOptions, PartialFn, ProgressFn } from '../worker/api';
import type { InputReport } from '../report/schema';

export class CancelledByUser extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * The page's ?traceWorkers=N (1 to 8): workers to read a big execution
 * trace's chunks with, whatever its size (1: one read). Anything else is
 * ignored and the worker decides (src/worker/traceChunks.ts).
 */
export function traceWorkersAsked(search: string): number | undefined {
  const v = new URLSearchParams(search).get('traceWorkers');
  if (v === null || !/^[1-8]$/.test(v)) return undefined;
  return Number(v);
}

class WorkerClient {
  private worker!: Worker;
  api!: Comlink.Remote<WorkerApi>;
  /** Parses done by workers of this page (survives cancel/restart). */
  private parsesBefore = 0;
  private rejectRunning: ((e: Error) => void)[] = [];
  private readonly options: AnalyzeRequestOptions;

  constructor() {
    const traceWorkers = typeof location === 'undefined' ? undefined : traceWorkersAsked(location.search);
    this.options = traceWorkers === undefined ? {} : { traceWorkers };
    this.start();
  }

  private start() {
    this.worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'gotune-analysis' });
    this.api = Comlink.wrap<WorkerApi>(this.worker);
  }

  /** Analyse one input; a Blob is read by the worker, an ArrayBuffer is transferred to it. */
  analyze(id: string, name: string, data: Blob | ArrayBuffer, onProgress: ProgressFn, onPartial?: PartialFn): Promise<InputReport> {
    return new Promise<InputReport>((resolve, reject) => {
      this.rejectRunning.push(reject);
      const done = () => (this.rejectRunning = this.rejectRunning.filter((r) => r !== reject));
      this.api
        .analyze(id, name, data instanceof Blob ? data : Comlink.transfer(data, [data]), Comlink.proxy(onProgress), onPartial ? Comlink.proxy(onPartial) : undefined, this.options)
        .then((r) => {
          done();
          resolve(r);
        })
        .catch((e) => {
          done();
          reject(e);
        });
    });
  }

  /** Stop everything the worker is doing; running analyses reject with CancelledByUser. */
  async cancel() {
    try {
      this.parsesBefore += (await Promise.race([this.api.stats(), new Promise<{ parses: number }>((r) => setTimeout(() => r({ parses: 1 }), 50))])).parses;
    } catch {
      this.parsesBefore += 1;
    }
    this.worker.terminate();
    const running = this.rejectRunning;
    this.rejectRunning = [];
    for (const r of running) r(new CancelledByUser());
    this.start();
  }

  /** The worker's account of execution traces read in chunks (see CoreWorkerApi.stats). */
  async traceChunks(): Promise<{ reads: number; last: number; failure: string }> {
    const s = await this.api.stats();
    return { reads: s.traceChunkReads, last: s.lastTraceChunks, failure: s.lastTraceChunkFailure };
  }

  /** Total parses run by this page's workers. */
  async parses(): Promise<number> {
    return this.parsesBefore + (await this.api.stats()).parses;
  }
}

let client: WorkerClient | undefined;

/** The page's worker client, created on first use. */
export function workerClient(): WorkerClient {
  client ??= new WorkerClient();
  return client;
}
