// What "Show in chart" points at: the chart section a finding is about and,
// when the finding names one, the moment (seconds on the chart's time axis).
// Chart.svelte draws a marked line there when its section is the target.

export interface ChartTarget {
  /** id of the section or card holding the chart. */
  id: string;
  timeSec?: number;
  /** Text on the marked line. */
  label: string;
}

class ChartFocus {
  current = $state.raw<ChartTarget | null>(null);
}

export const chartFocus = new ChartFocus();
