import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixture } from './helpers';

async function over(page: Page, name: string) {
  const r = await page.evaluate(() => {
    const w = window.innerWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const b = el.getBoundingClientRect();
      if (b.width > 0 && b.right > w + 1) {
        let clipped = false;
        for (let a = el.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o !== 'visible' && a !== document.documentElement && a !== document.body) { clipped = true; break; } }
        if (clipped) continue;
        const kids = [...el.children].some((k) => k.getBoundingClientRect().right > w + 1);
        if (kids) continue; // report innermost only
        out.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className?.toString?.().slice(0, 40)} right=${Math.round(b.right)} w=${Math.round(b.width)} text=${(el as HTMLElement).innerText?.slice(0, 40).replace(/\n/g, ' ')}`);
      }
    }
    return { sw: document.documentElement.scrollWidth, out: out.slice(0, 30) };
  });
  console.log(`== ${name}: scrollWidth ${r.sw}\n  ` + r.out.join('\n  '));
}
async function renderAll(page: Page) {
  for (let y = 0, h = await page.evaluate(() => document.body.scrollHeight); y < h; y += 600) {
    await page.evaluate((y) => window.scrollTo(0, y), y + 600);
    await page.waitForTimeout(40);
    h = await page.evaluate(() => document.body.scrollHeight);
  }
  await page.waitForTimeout(500);
  await page.evaluate(() => window.scrollTo(0, 0));
}
async function shot(page: Page, name: string) {
  for (const dark of [false, true]) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme === 'dark')) !== dark)
      await page.getByRole('button', { name: `Switch to ${dark ? 'dark' : 'light'} mode` }).click();
    await page.waitForTimeout(400);
    const w = page.viewportSize()!.width;
    await page.screenshot({ path: `/tmp/ux-shots/${name}-${w}-${dark ? 'dark' : 'light'}.png`, fullPage: true });
  }
}
for (const width of [390]) {
  test(`probe ${width}`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width, height: 844 });
    await page.goto('./');
    await over(page, 'start'); await shot(page, 'start');
    await dropFiles(page, ['godebug/interleaved.log', 'pprof/cpu.pb.gz', 'pprof/heap.pb.gz', 'goroutines/leak-1.debug2.txt', 'goroutines/leak-2.debug2.txt', 'metrics/scrape-1.txt', 'config/deployment-myths.yaml'].map(fixture));
    await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(7, { timeout: 60000 });
    const id = /#\/s\/([^/?]+)/.exec(page.url())![1];
    await renderAll(page);
    await over(page, 'session'); await shot(page, 'session');
    await page.getByTestId('share-open').click();
    const url = await page.getByTestId('share-url').inputValue();
    await over(page, 'share'); 
    await page.goto(`./#/wizard/${id}`);
    await page.waitForTimeout(1000);
    await over(page, 'wizard'); await shot(page, 'wizard');
    await page.goto(url); await page.reload(); await page.waitForTimeout(1500); await renderAll(page);
    await over(page, 'permalink'); await shot(page, 'permalink');
    await page.goto('./');
    await dropFiles(page, ['godebug/gctrace-basic.log', 'pprof/cpu_b.pb.gz'].map(fixture));
    await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(2, { timeout: 60000 });
    const id2 = /#\/s\/([^/?]+)/.exec(page.url())![1];
    await page.goto(`./#/compare?a=${encodeURIComponent(id)}&b=${encodeURIComponent(id2)}`);
    await page.waitForTimeout(1500);
    await over(page, 'compare'); await shot(page, 'compare');
    await page.goto('./');
    await page.waitForTimeout(500);
    await over(page, 'sessions'); await shot(page, 'sessions');
  });
}
