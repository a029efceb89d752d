// Main-thread handle on the analysis worker. Cancel terminates the worker (the
// only way to stop a synchronous parse at once) and starts a fresh one.

import * as Comlink from 'comlink';
import type { WorkerApi } from '../worker/worker';
import type { PartialFn, ProgressFn } from '../worker/api';
import type { InputReport } from '../report/schema';

export class CancelledByUser extends Error {
  constructor() {
    super('cancelled');
  }
}

class WorkerClient {
  private worker!: Worker;
  api!: Comlink.Remote<WorkerApi>;
  /** Parses done by workers of this page (survives cancel/restart). */
  private parsesBefore = 0;
  private rejectRunning: ((e: Error) => void)[] = [];

  constructor() {
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
        .analyze(id, name, data instanceof Blob ? data : Comlink.transfer(data, [data]), Comlink.proxy(onProgress), onPartial ? Comlink.proxy(onPartial) : undefined)
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
