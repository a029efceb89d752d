// ECharts' base: its core and the renderers (canvas for the page, SVG for
// exports). zrender under it (echartsZrender.ts), the chart types
// (echartsParts.ts) and the other components (echartsComponents.ts) each come
// in a chunk of their own (vite.config.ts), loaded one after another
// (loadEcharts.ts), so the browser compiles each, and writes its code cache,
// in a task of its own instead of one task over 50 ms.

import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([CanvasRenderer, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
