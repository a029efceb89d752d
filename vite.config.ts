/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { availableParallelism } from 'node:os';
import { serviceWorker } from './src/offline/buildServiceWorker.ts';

// The built page may run only its own scripts and workers and talk only to its
// own origin: no inline script, no eval, nothing from other hosts. Added to the
// build only (the dev server needs inline HMR code and a websocket).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'gotune-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

// ECharts in four chunks, loaded one after another (src/ui/charts/loadEcharts.ts): zrender,
// ECharts' base (core, renderers), the chart types, and the other components. As one chunk,
// the browser compiled it, ran it and wrote its code cache (1.7 MB) in one task of 60–90 ms
// of CPU; each part takes 10–30 ms. Rolldown's groups
// take their modules' dependencies along, the group of higher priority first, so zrender
// (under everything) comes first and the components last.
const ECHARTS_GROUPS = [
  { name: 'echarts-zrender', test: /[\\/](src[\\/]ui[\\/]charts[\\/]echartsZrender\.ts|node_modules[\\/](zrender|tslib)[\\/])/, priority: 4 },
  { name: 'echarts', test: /[\\/](src[\\/]ui[\\/]charts[\\/]echarts\.ts|node_modules[\\/]echarts[\\/](core|renderers)\.js)$/, priority: 3 },
  { name: 'echarts-parts', test: /[\\/]src[\\/]ui[\\/]charts[\\/]echartsParts\.ts$/, priority: 1 },
  { name: 'echarts-components', test: /[\\/]src[\\/]ui[\\/]charts[\\/]echartsComponents\.ts$/, priority: 0 },
];
const ECHARTS_CHUNKS = ECHARTS_GROUPS.map((g) => g.name);

// ECharts' chunks are compiled whole when it loads (V8's explicit compile hint, a magic
// comment on its first line), not function by function in the first chart's draw: the
// trace report's first chart was 120 ms of main-thread CPU, most of it compiling.
function echartsCompileHint(): Plugin {
  return {
    name: 'gotune-echarts-compile-hint',
    apply: 'build',
    // After minification (which drops comments); the source map moves down the added line.
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !ECHARTS_CHUNKS.includes(chunk.name)) continue;
        chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
      }
    },
  };
}

// base './' makes dist/ work from any sub-path (and from file-relative URLs);
// the worker is bundled as an ES module so Comlink can be imported in it.
export default defineConfig({
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), echartsCompileHint(), serviceWorker()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500, rollupOptions: { output: { codeSplitting: { groups: ECHARTS_GROUPS } } } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // One test file per core. Vitest's default leaves a core to its main process (cores − 1), which on
    // the 2-core CI machine ran the files one at a time while the main process sat idle: 644 s wall
    // for 498 s of tests. Two at a time: about 460 s.
    maxWorkers: availableParallelism(),
  },
});
