import { defineConfig } from '@playwright/test';

// Playwright drives the system Chromium (Debian's /usr/bin/chromium); no
// browser download is needed or possible here. Override the path with
// GOTUNE_CHROMIUM. Tests run against the production build (vite preview).
const chromium = process.env.GOTUNE_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.GOTUNE_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  // Two minutes: the longest specs (several sessions, screenshots in both themes) take about one on a
  // 2-core machine alone, and timed out at 60 s when the machine was busy.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1366, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
