// zrender, the drawing library under ECharts (installed with it): loaded first,
// in a chunk of its own (vite.config.ts, loadEcharts.ts), so that the browser
// compiles and code-caches it in a task apart from ECharts' own modules.

export { init as zrenderInit } from 'zrender/lib/zrender.js';
