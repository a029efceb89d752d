// Bench in Chromium: gotune vs speedscope on the same pprof bytes, same browser
// (../shared/docs/benchmarking.md). speedscope's own `import:` console timer is
// its parse+model time; for gotune we take the worker's parse+analyse time plus
// the flame-graph/top query (both reported by the app), and the wall time from
// the drop to the drawn flame graph. Needs `npm run build` first (serves dist/).
// Run: npx tsx bench/pprof-browser.ts [runs]

import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { gzipSync } from 'fflate';
import { synthProfile } from './pprof-synth';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 5);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

function serve(profiles: Map<string, Uint8Array>): Promise<{ url: string; close(): void }> {
  const dirs: Record<string, string> = { speedscope: path.join(root, 'node_modules/speedscope/dist/release'), app: path.join(root, 'dist') };
  const server = createServer((req, res) => {
    const u = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]);
    const [, top, ...rest] = u.split('/');
    if (top === 'p' && profiles.has(rest.join('/'))) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' });
      res.end(profiles.get(rest.join('/')));
      return;
    }
    const dir = dirs[top];
    const file = dir && path.join(dir, rest.join('/') || 'index.html');
    if (!file || !file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${a.port}`, close: () => server.close() });
  }));
}

async function speedscopeMs(browser: Browser, base: string, name: string): Promise<number | null> {
  const page = await browser.newPage();
  try {
    const got = new Promise<number>((resolve) => {
      page.on('console', (m) => {
        const x = /^import: ([\d.]+)\s*ms/.exec(m.text());
        if (x) resolve(Number(x[1]));
      });
    });
    await page.goto(`${base}/speedscope/index.html#profileURL=${encodeURIComponent(`${base}/p/${name}`)}`);
    return await Promise.race([got, new Promise<null>((r) => setTimeout(() => r(null), 180_000))]);
  } finally {
    await page.close();
  }
}

/** Click-to-zoom on the drawn flame graph: wall time until the zoomed graph is drawn, and the canvas draw time. */
async function zoomMs(page: import('@playwright/test').Page): Promise<{ click: number; draw: number; boxes: number }> {
  const canvas = page.getByTestId('flame-canvas');
  const boxes = Number(await canvas.getAttribute('data-boxes'));
  // A string, so the bundler's helpers (e.g. __name) do not leak into the page.
  const t: number = await page.evaluate(`new Promise((resolve) => {
    const c = document.querySelector('[data-testid=flame-canvas]');
    const r = c.getBoundingClientRect();
    const t0 = performance.now();
    c.dispatchEvent(new MouseEvent('click', { clientX: r.left + 30, clientY: r.top + 18 * 3 + 9, bubbles: true }));
    const tick = () => (c.getAttribute('data-zoom') !== '0' ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(tick));
    tick();
  })`);
  return { click: t, draw: Number(await canvas.getAttribute('data-draw-ms')), boxes };
}

async function gotuneMs(browser: Browser, base: string, name: string, bytes: Uint8Array): Promise<{ worker: number; parse: number; query: number; wall: number; zoom: { click: number; draw: number; boxes: number } }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  try {
    await page.goto(`${base}/app/index.html`);
    await page.waitForSelector('main');
    const b64 = Buffer.from(bytes).toString('base64');
    const t0 = await page.evaluate(async ({ b64, name }) => {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([u], name));
      const t = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      return t;
    }, { b64, name });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=flame-canvas]')?.getAttribute('data-drawn') ?? 0) > 0, undefined, { timeout: 180_000, polling: 5 });
    const wall = (await page.evaluate(() => performance.now())) - t0;
    const parse = Number(/analysed in ([\d.]+) ms/.exec(await page.locator('[data-testid=input-row]').first().innerText())?.[1] ?? NaN);
    const query = Number(/([\d.]+) ms in the worker/.exec(await page.getByTestId('profile-view').first().innerText())?.[1] ?? NaN);
    return { worker: parse + query, parse, query, wall, zoom: await zoomMs(page) };
  } finally {
    await page.close();
  }
}

export async function benchPprofBrowser(runs = RUNS): Promise<void> {
  if (!existsSync(path.join(root, 'dist/index.html'))) {
    console.log('pprof browser bench skipped: run `npm run build` first');
    return;
  }
  const profiles = new Map<string, Uint8Array>();
  const large = path.resolve(root, '../shared/fixtures/pprof/google-pprof__large.cpu');
  if (existsSync(large)) profiles.set('large.cpu', new Uint8Array(readFileSync(large)));
  profiles.set('cpu.pb.gz', new Uint8Array(readFileSync(path.join(root, 'tests/fixtures/pprof/cpu.pb.gz'))));
  profiles.set('synthetic-20MB.pb.gz', gzipSync(synthProfile({ samples: 250_000, locations: 100_000, functions: 30_000 }), { level: 1 }));
  const srv = await serve(profiles);
  const browser = await chromium.launch({ executablePath: process.env.GOTUNE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const only = process.argv[3];
    for (const [name, bytes] of profiles) {
      if (only && !name.includes(only)) continue;
      const ss: number[] = [];
      const ours: number[] = [];
      const wall: number[] = [];
      const zoom: number[] = [];
      const parses: number[] = [];
      const queries: number[] = [];
      let boxes = 0;
      let drawMs = 0;
      for (let r = 0; r < runs; r++) {
        const s = await speedscopeMs(browser, srv.url, name);
        if (s !== null) ss.push(s);
        const g = await gotuneMs(browser, srv.url, name, bytes);
        ours.push(g.worker);
        wall.push(g.wall);
        zoom.push(g.zoom.click);
        parses.push(g.parse);
        queries.push(g.query);
        boxes = g.zoom.boxes;
        drawMs = g.zoom.draw;
      }
      const s = ss.length ? median(ss) : null;
      const o = median(ours);
      console.log(
        `${name} (${(bytes.length / 1e6).toFixed(2)} MB file): speedscope import ${s === null ? '> 180 s' : `${s.toFixed(0)} ms`}; ` +
          `gotune worker ${o.toFixed(0)} ms (drop → flame graph drawn ${median(wall).toFixed(0)} ms)` +
          (s !== null ? ` → gotune ${(s / o).toFixed(1)}× faster (worker), ${(s / median(wall)).toFixed(1)}× (wall)` : ''),
      );
      console.log(`  worker: parse+analyse ${median(parses).toFixed(0)} ms, first view (top + flame) ${median(queries).toFixed(0)} ms`);
      console.log(`  flame graph: ${boxes} boxes; click-to-zoom drawn in ${median(zoom).toFixed(0)} ms (canvas draw ${drawMs.toFixed(0)} ms)`);
    }
  } finally {
    await browser.close();
    srv.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await benchPprofBrowser();
