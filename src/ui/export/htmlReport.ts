// A self-contained HTML file of a report as the page shows it: the rendered
// report body copied as static markup, every chart replaced by its SVG, the
// page's own CSS inlined, no script at all (a CSP in the file forbids scripts
// and any network fetch), so it opens from file:// anywhere, offline.

import type { Report } from '../../report/schema';
import { chartOf, chartSvg } from '../charts/chartExport';
import { formatBytes } from '../format';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pageCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const r of Array.from(sheet.cssRules)) out.push(r.cssText);
    } catch {
      // A cross-origin sheet cannot be read; the page has none.
    }
  }
  return out.join('\n').replace(/<\/style/gi, '<\\/style');
}

/** Static copy of `body` (the element of ReportBody) with charts as inline SVG. */
function staticBody(body: HTMLElement): string {
  const copy = body.cloneNode(true) as HTMLElement;
  const live = body.querySelectorAll('[data-echart]');
  const copies = copy.querySelectorAll('[data-echart]');
  live.forEach((el, i) => {
    const target = copies[i];
    const chart = chartOf(el);
    let svg = '';
    try {
      svg = chart ? chartSvg(chart) : '';
    } catch {
      svg = '';
    }
    target.innerHTML = svg || '<p class="muted">(this chart had not been drawn when the file was saved)</p>';
    target.removeAttribute('style');
  });
  // Other canvases (the flame graph) become pictures of what they show.
  const canvases = [...body.querySelectorAll('canvas')].filter((c) => !c.closest('[data-echart]'));
  const canvasCopies = [...copy.querySelectorAll('canvas')].filter((c) => !c.closest('[data-echart]'));
  canvases.forEach((c, i) => {
    const img = document.createElement('img');
    try {
      img.src = c.toDataURL('image/png');
    } catch {
      return;
    }
    img.alt = c.getAttribute('aria-label') ?? 'chart';
    img.style.width = `${c.clientWidth}px`;
    img.style.maxWidth = '100%';
    canvasCopies[i]?.replaceWith(img);
  });
  // The contents bar's buttons become links to the sections' ids, which work inside the file.
  copy.querySelectorAll<HTMLElement>('button[data-jump]').forEach((b) => {
    const a = document.createElement('a');
    a.href = `#${b.dataset.jump}`;
    a.dataset.jump = '';
    a.textContent = b.textContent;
    b.replaceWith(a);
  });
  copy.querySelectorAll('button, input, select, textarea, script, iframe, [data-export-skip]').forEach((e) => e.remove());
  // Route links (#/s/…) go nowhere in a file: keep their text.
  copy.querySelectorAll('a[href^="#"]:not([data-jump])').forEach((a) => {
    const span = document.createElement('span');
    span.innerHTML = a.innerHTML;
    a.replaceWith(span);
  });
  copy.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''));
  return copy.outerHTML;
}

/** The next frame, or 100 ms: a tab in the background gets no frames, and the export must not wait for it to come back. */
const frame = () =>
  new Promise<void>((r) => {
    requestAnimationFrame(() => r());
    setTimeout(r, 100);
  });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Charts that draw only when scrolled near (WhenVisible) are drawn first: the
 * page is scrolled through the report once, then back, and the chart queue is
 * given up to `waitMs` to finish.
 */
export async function drawEverything(body: HTMLElement, waitMs = 8000): Promise<void> {
  const y = window.scrollY;
  const top = body.getBoundingClientRect().top + window.scrollY;
  const step = Math.max(200, window.innerHeight - 100);
  // At most 500 steps: a report that grows as it is scrolled through must not keep the export going.
  for (let at = top, n = 0; at < top + body.scrollHeight && n < 500; at += step, n++) {
    window.scrollTo(0, at);
    await frame();
    await frame();
  }
  window.scrollTo(0, y);
  const t0 = performance.now();
  // Drawn means made and given its option: a chart is made in one task and gets its axes and series in later ones
  // (Chart.svelte), and one caught between them was saved as "had not been drawn" (a flaky permalink e2e test).
  const undrawn = (el: Element) => !chartOf(el) || (el as HTMLElement).dataset.drawn === undefined;
  while (performance.now() - t0 < waitMs && [...body.querySelectorAll('[data-echart]')].some(undrawn)) await sleep(50);
}

/** Draw every chart, then make the file. */
export async function reportHtmlFile(body: HTMLElement, report: Report, title: string, note: string): Promise<string> {
  await drawEverything(body);
  return reportHtml(body, report, title, note);
}

export function reportHtml(body: HTMLElement, report: Report, title: string, note: string): string {
  const theme = document.documentElement.dataset.theme ?? 'light';
  const inputs = report.inputs
    .map((i) => `<tr><td>${esc(i.name)}</td><td>${esc(i.kind)}</td><td>${esc(formatBytes(i.bytes))}</td><td>${i.error ? esc(i.error) : 'read'}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en" data-theme="${esc(theme)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(report.generator)}">
<title>${esc(title)} — gotune report</title>
<style>${pageCss()}
body > main { max-width: 1280px; margin: 0 auto; padding: 20px; }
.export-head { margin-bottom: 16px; }
.export-head .muted { color: var(--muted); }
.export-head table { border-collapse: collapse; margin-top: 8px; }
.export-head td, .export-head th { border: 1px solid var(--border); padding: 4px 10px; text-align: left; }
[data-echart] svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<main>
<header class="export-head" data-testid="export-head">
<h1>${esc(title)}</h1>
<p class="muted">gotune report, ${esc(report.createdAt)} (${esc(report.generator)}). ${esc(note)}</p>
<table><thead><tr><th>input</th><th>kind</th><th>size</th><th>status</th></tr></thead><tbody>${inputs}</tbody></table>
</header>
${staticBody(body)}
</main>
</body>
</html>
`;
}
