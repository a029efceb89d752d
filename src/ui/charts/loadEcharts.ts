// ECharts comes in a chunk of its own, loaded when the first chart is about to
// be drawn: compiling and running its ~600 KB at page start made every page
// load (and every reopened session, whose first view may be a flame graph
// that is not an ECharts chart) wait for it on the main thread.

import type * as Echarts from './echarts';

type Api = typeof Echarts.echarts;
let loading: Promise<Api> | undefined;
let loaded: Api | undefined;

/** ECharts with gotune's parts registered (charts/echarts.ts), loaded once. */
export function loadEcharts(): Promise<Api> {
  return (loading ??= import('./echarts').then((m) => (loaded = m.echarts)));
}

/** ECharts if a chart has already loaded it (a drawn chart means it has), else undefined. */
export function echartsIfLoaded(): Api | undefined {
  return loaded;
}

/**
 * Load ECharts when the main thread is idle (while the worker reads an input):
 * its chunk is then compiled and run before the report arrives, not in the
 * tasks that put the report and its first chart in the page.
 */
export function preloadEcharts(): void {
  if (loading) return;
  const load = () => void loadEcharts();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}
