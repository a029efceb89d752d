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
