// Flame graph labels are drawn on the canvas in the page's --text colour on
// each box's fill, where axe cannot see them: every fill the flame graph can
// use (a package colour of any hue, a diff colour of any strength, the root)
// keeps WCAG AA contrast (4.5:1) with that text, in light and dark mode.

import { wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { diffColour, packageColour } from '../../../src/ui/views/pprof/flameLayout';
import { themeVars } from './themeVars';

/** packageColour hashes the package name to a hue; find a name for every hue it can give. */
function namesForEveryHue(dark: boolean): Map<string, string> {
  const byHue = new Map<string, string>();
  for (let i = 0; byHue.size < 360 && i < 200_000; i++) {
    const name = `pkg${i}.F`;
    const c = packageColour(name, dark);
    if (!byHue.has(c)) byHue.set(c, name);
  }
  return byHue;
}

for (const theme of ['light', 'dark'] as const) {
  const dark = theme === 'dark';
  const text = themeVars(theme).text;
  const low = (fills: string[]) => fills.filter((f) => wcagContrast(f, text) < 4.5).map((f) => `${f} ${wcagContrast(f, text).toFixed(2)}`);

  describe(`${theme} flame graph labels`, () => {
    it('are readable on every package colour', () => {
      const fills = [...namesForEveryHue(dark).keys()];
      expect(fills.length).toBe(360);
      expect(low(fills)).toEqual([]);
    });

    it('are readable on every diff colour and on unchanged boxes', () => {
      const fills: string[] = [];
      for (let s = 0; s <= 1.0001; s += 0.05) fills.push(diffColour(s, 0, 1, dark), diffColour(0, s, 1, dark));
      expect(low(fills)).toEqual([]);
    });
  });
}
