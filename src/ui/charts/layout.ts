// Where each drawn chart put its plot area, legend and texts, in page pixels.
// Read by end-to-end tests (window.__gotune.chartLayout) to check that a
// legend never covers axis labels and that labels stay inside the plot; the
// canvas has no DOM to measure otherwise.

import { chartOf } from './chartExport';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface ChartLayout {
  /** The chart's accessible name. */
  label: string;
  /** The chart's own box on the page. */
  box: Box;
  /** Plot areas (one per grid). */
  grids: Box[];
  legend?: Box;
  /** Every text drawn: axis labels, legend entries (inLegend), mark labels. */
  texts: (Box & { text: string; inLegend: boolean })[];
}

interface Rectish {
  x: number;
  y: number;
  width: number;
  height: number;
  applyTransform(m: number[]): void;
  clone(): Rectish;
}
interface El {
  getBoundingRect(): Rectish;
  getComputedTransform(): number[] | null;
  /** The global transform as last drawn. */
  transform?: number[] | null;
  invisible?: boolean;
  style?: { text?: string; opacity?: number };
  parent?: El;
}

function place(r: Rectish, m: number[] | null, dx: number, dy: number): Box {
  if (m) r.applyTransform(m);
  return { x: r.x + dx, y: r.y + dy, width: r.width, height: r.height };
}

export function chartLayout(): ChartLayout[] {
  const out: ChartLayout[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('[data-echart]')) {
    const inst = chartOf(el);
    if (!inst) continue;
    const b = el.getBoundingClientRect();
    const dx = b.x + window.scrollX;
    const dy = b.y + window.scrollY;
    const model = (inst as unknown as { getModel(): { getComponent(t: string, i?: number): any } | undefined }).getModel();
    // Made but not yet given its option (a chart is drawn in steps, charts/Chart.svelte).
    if (!model) continue;
    const grids: Box[] = [];
    for (let i = 0; ; i++) {
      const g = model.getComponent('grid', i);
      if (!g) break;
      const r = g.coordinateSystem?.getRect();
      if (r) grids.push({ x: r.x + dx, y: r.y + dy, width: r.width, height: r.height });
    }
    let legend: Box | undefined;
    const lm = model.getComponent('legend');
    const lv = lm && (inst as unknown as { getViewOfComponentModel(m: unknown): { group: El } }).getViewOfComponentModel(lm);
    if (lv) legend = place(lv.group.getBoundingRect().clone(), lv.group.getComputedTransform(), dx, dy);
    const inLegend = (d: El) => {
      for (let p: El | undefined = d; p; p = p.parent ?? (p as { __hostTarget?: El }).__hostTarget) if (p === lv?.group) return true;
      return false;
    };
    const texts: ChartLayout['texts'] = [];
    for (const d of inst.getZr().storage.getDisplayList(true) as unknown as El[]) {
      const t = d.style?.text;
      if (typeof t !== 'string' || !t || d.invisible || d.style?.opacity === 0) continue;
      texts.push({ text: t, inLegend: inLegend(d), ...place(d.getBoundingRect().clone(), d.transform ?? null, dx, dy) });
    }
    // ECharts' aria description replaces the element's label; the card title names the chart.
    const card = el.closest('section[aria-label]')?.getAttribute('aria-label');
    out.push({ label: card ?? el.getAttribute('aria-label') ?? '', box: { x: dx, y: dy, width: b.width, height: b.height }, grids, legend, texts });
  }
  return out;
}
