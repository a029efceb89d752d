// Chart colours for light and dark mode. Chosen to stay distinguishable with
// common colour-vision deficiencies (blue/orange first, never red/green alone).

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
        series: ['#5aa9ff', '#ffad5a', '#c38bff', '#4fd1c5', '#f78fb3', '#d4d46a'],
        accent: '#5aa9ff',
        warn: '#ffad5a',
        bad: '#ff7b72',
      }
    : {
        text: '#1f2328',
        muted: '#59636e',
        grid: '#e6e9ed',
        axis: '#8c959f',
        series: ['#0969da', '#d4720c', '#8250df', '#1a7f7a', '#bf3989', '#7d7d00'],
        accent: '#0969da',
        warn: '#b35900',
        bad: '#cf222e',
      };
}
