// Chart colours for light and dark mode. Chosen to stay distinguishable with
// common colour-vision deficiencies (blue/orange first, never red/green alone):
// every series and `bad` differ by CIEDE2000 ≥ 10 from each other under
// simulated protanopia, deuteranopia and tritanopia, and the heat-map steps
// grid → warn → bad order by lightness alone; both checked by
// tests/unit/ui/colour-vision.test.ts. Series also keep a 3:1 contrast with the
// card background.

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  series: string[];
  accent: string;
  warn: string;
  bad: string;
}

export function chartColors(dark: boolean): ChartColors {
  return dark
    ? {
        text: '#e6e8eb',
        muted: '#9aa4b2',
        grid: '#2c333d',
        axis: '#56606e',
        series: ['#5aa9ff', '#f0b429', '#00eebb', '#6655ff', '#885588', '#007711'],
        accent: '#5aa9ff',
        warn: '#873c00',
        bad: '#ff7b72',
      }
    : {
        text: '#1f2328',
        muted: '#59636e',
        grid: '#e6e9ed',
        axis: '#8c959f',
        series: ['#0969da', '#d4720c', '#009977', '#773355', '#aa88bb', '#004499'],
        accent: '#0969da',
        warn: '#ffb400',
        bad: '#cf222e',
      };
}
