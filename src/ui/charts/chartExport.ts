// A drawn chart as a file: PNG from the live canvas (getDataURL), SVG by
// drawing the same option again with ECharts' server-side SVG renderer (the
// page's charts use canvas). Both get the page's surface colour as background
// so a dark-mode chart stays readable outside the page.

import type { EChartsType } from 'echarts/core';
import { echartsIfLoaded } from './loadEcharts';

function surface(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
}

export function chartPng(chart: EChartsType): string {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: surface() });
}

/** The chart as an SVG document (string), at its drawn size. */
export function chartSvg(chart: EChartsType): string {
  const width = chart.getWidth() || 800;
  const height = chart.getHeight() || 300;
  // A drawn chart means ECharts is loaded.
  const ssr = echartsIfLoaded()!.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    const { dataZoom: _z, toolbox: _t, ...opt } = chart.getOption() as Record<string, unknown>;
    ssr.setOption({ ...opt, animation: false, backgroundColor: surface() });
    return ssr.renderToSVGString();
  } finally {
    ssr.dispose();
  }
}

/** The chart drawn in an element (Chart.svelte marks its element data-echart). */
export function chartOf(el: Element): EChartsType | undefined {
  return echartsIfLoaded()?.getInstanceByDom(el as HTMLElement);
}
