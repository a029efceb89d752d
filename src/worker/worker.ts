// The one Web Worker: all parsing and analysis of the app runs here.
// Cancel = the main thread terminates this worker and starts a new one, which
// stops a parse at once wherever it is.

import * as Comlink from 'comlink';
import { coreApi } from './core';
import { pprofApi } from './pprof';
import { traceCpuApi } from './traceCpu';
import { traceTimelineApi } from './traceTimeline';

const api = {
  ...coreApi,
  ...pprofApi,
  ...traceCpuApi,
  ...traceTimelineApi,
  // Formats with interactive views spread their methods here, e.g. ...pprofApi,
};

export type WorkerApi = typeof api;

Comlink.expose(api);
