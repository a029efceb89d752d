// ECharts comes in chunks of its own, loaded when the first chart is about to
// be drawn: compiling and running its ~600 KB at page start made every page
// load (and every reopened session, whose first view may be a flame graph
// that is not an ECharts chart) wait for it on the main thread.

import type * as Echarts from './echarts';

type Api = typeof Echarts.echarts;
let loading: Promise<Api> | undefined;
let loaded: Api | undefined;

/**
 * ECharts with gotune's parts registered, loaded once: zrender
 * (echartsZrender.ts), ECharts' base (echarts.ts), the chart types
 * (echartsParts.ts), then the other components (echartsComponents.ts).
 * Dynamic imports one after another, so each chunk is compiled, run and
 * code-cached by the browser in a task of its own: as one chunk it made one
 * task of 60–90 ms of CPU, most of it V8 writing its code cache (1.7 MB).
 */
export function loadEcharts(): Promise<Api> {
  return (loading ??= (async () => {
    await import('./echartsZrender');
    const m = await import('./echarts');
    await import('./echartsParts');
    await import('./echartsComponents');
    return (loaded = m.echarts);
  })());
}

/** ECharts if a chart has already loaded it (a drawn chart means it has), else undefined. */
export function echartsIfLoaded(): Api | undefined {
  return loaded;
}

/**
 * Load ECharts when the main thread is idle (while the worker reads an input):
 * its chunks are then compiled and run before the report arrives, not in the
 * tasks that put the report and its first chart in the page.
 */
export function preloadEcharts(): void {
  if (loading) return;
  const load = () => void loadEcharts();
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}
