// Axis and tooltip styles shared by every chart: named axes (with units) in the
// theme's colours.

import type { ChartColors } from './palette';

/** A named axis; `name` carries the unit, e.g. "pause (ms)". */
export function axis(c: ChartColors, name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    nameLocation: 'middle',
    nameGap: 32,
    nameTextStyle: { color: c.muted },
    axisLine: { lineStyle: { color: c.axis } },
    axisLabel: { color: c.muted },
    splitLine: { lineStyle: { color: c.grid } },
    ...extra,
  };
}

export function tooltip(c: ChartColors, extra: Record<string, unknown> = {}) {
  return { trigger: 'axis', backgroundColor: c.grid, borderColor: c.axis, textStyle: { color: c.text }, ...extra };
}
