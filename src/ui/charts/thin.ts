// Line series of many points drawn thinned to about one point per pixel
// (ECharts' largest-triangle-three-buckets sampling, which keeps peaks and
// dips): a trace's heap line has a point per heap change, hundreds of
// thousands, on a chart a few hundred pixels wide. Not stacked or stepped
// lines: thinning each series of a stack on its own would break the stack,
// and a step line's corners are its meaning.

import type { ChartOption } from './echarts';

/** Line series longer than this are thinned (a chart is at most a few thousand pixels wide). */
export const THIN_FROM = 2000;

/** The option's `series` with sampling set on the long plain lines; {} when none needs it. */
export function thinned(opt: ChartOption): ChartOption {
  const series = (opt as { series?: unknown }).series;
  if (!Array.isArray(series)) return {};
  const many = (s: Record<string, unknown>) => s.type === 'line' && !s.stack && !s.step && !('sampling' in s) && Array.isArray(s.data) && s.data.length > THIN_FROM;
  if (!series.some(many)) return {};
  return { series: series.map((s) => (many(s) ? { ...s, sampling: 'lttb' } : s)) };
}
