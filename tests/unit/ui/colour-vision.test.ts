// Charts must not rely on red/green alone. Every pair of colours that has to
// be told apart in one chart stays apart for people with protanopia,
// deuteranopia or tritanopia (Machado et al. 2009 at severity 1.0, see cvd.ts),
// in the light and the dark theme, measured as CIEDE2000 ΔE on the simulated
// colours.
//
// Threshold ΔE2000 ≥ 10: a just-noticeable difference between two large
// patches side by side is about ΔE2000 1–2.3; chart marks are thin lines,
// small points and narrow bars, often not adjacent and matched to a legend
// swatch, and the simulation is only a model of an average viewer, so we ask
// several JNDs of margin. 10 is also about where two colours stop being
// "the same colour, slightly different" and read as different categories.
// A red/green pair such as the old diff flame colours at half strength
// (ΔE 9.7 for deuteranopes) or the old purple next to the accent blue
// (ΔE 2.3 for protanopes) fails it.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { chartColors } from '../../../src/ui/charts/palette';
import { diffColour } from '../../../src/ui/views/pprof/flameLayout';
import { deltaE, seen, VISIONS } from './cvd';
import { themeVars } from './themeVars';

const MIN_DE = 10;

/** Pairs closer than MIN_DE for any vision, as readable strings. */
function tooClose(colours: Record<string, string>): string[] {
  const names = Object.keys(colours);
  const out: string[] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      for (const v of VISIONS) {
        const d = deltaE(colours[names[i]], colours[names[j]], v);
        if (d < MIN_DE) out.push(`${names[i]} ${colours[names[i]]} ~ ${names[j]} ${colours[names[j]]}: ΔE ${d.toFixed(1)} (${v})`);
      }
  return out;
}

describe('the CVD simulation and ΔE', () => {
  // Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula:
  // implementation notes, supplementary test data" — pairs 1, 7, 17, 25.
  it('CIEDE2000 matches the published test data', async () => {
    const { differenceCiede2000 } = await import('culori');
    const de = differenceCiede2000();
    const lab = (l: number, a: number, b: number) => ({ mode: 'lab65' as const, l, a, b });
    expect(de(lab(50, 2.6772, -79.7751), lab(50, 0, -82.7485))).toBeCloseTo(2.0425, 4);
    expect(de(lab(50, 0, 0), lab(50, -1, 2))).toBeCloseTo(2.3669, 4);
    expect(de(lab(50, 2.5, 0), lab(73, 25, -18))).toBeCloseTo(27.1492, 4);
    expect(de(lab(60.2574, -34.0099, 36.2677), lab(60.4626, -34.1751, 39.4387))).toBeCloseTo(1.2644, 4);
  });

  it('catches red/green pairs: the old diff flame colours fail for deuteranopes, not for normal vision', () => {
    // The diff flame graph's colours at half strength before this test existed.
    const red = 'hsl(0 65% 73%)';
    const green = 'hsl(130 65% 73%)';
    expect(deltaE(red, green, 'normal')).toBeGreaterThan(40);
    expect(deltaE(red, green, 'deuteranopia')).toBeLessThan(MIN_DE);
    expect(tooClose({ red, green })).toEqual([`red ${red} ~ green ${green}: ΔE ${deltaE(red, green, 'deuteranopia').toFixed(1)} (deuteranopia)`]);
    // Grey stays grey under every matrix (rows sum to 1).
    for (const v of VISIONS) expect(Math.abs(seen('#808080', v).a)).toBeLessThan(0.5);
  });
});

for (const dark of [false, true]) {
  const theme = dark ? 'dark' : 'light';
  const c = chartColors(dark);

  describe(`${theme} theme`, () => {
    it('chart series and the "bad" marks (STW points, restart lines) are all told apart', () => {
      // Series share charts with each other and with c.bad (the timeline: GC
      // pauses in c.bad with five series; the trace heap chart), so every pair.
      const set: Record<string, string> = { bad: c.bad };
      c.series.forEach((s, i) => (set[`series[${i}]`] = s));
      expect(tooClose(set)).toEqual([]);
    });

    it('chart series and "bad" keep 3:1 contrast with the card background (WCAG 1.4.11)', () => {
      const surface = themeVars(theme).surface;
      const low = [...c.series, c.bad].filter((x) => wcagContrast(x, surface) < 3).map((x) => `${x} ${wcagContrast(x, surface).toFixed(2)}`);
      expect(low).toEqual([]);
    });

    it('the run-queue heat map steps (grid → warn → bad) are told apart and get darker (light) or brighter (dark)', () => {
      expect(tooClose({ grid: c.grid, warn: c.warn, bad: c.bad })).toEqual([]);
      for (const v of VISIONS) {
        const l = [c.grid, c.warn, c.bad].map((x) => seen(x, v).l);
        // Lightness alone must order the steps, so the scale reads without hue.
        if (dark) expect(l[0] < l[1] && l[1] < l[2], `${v} ${l}`).toBe(true);
        else expect(l[0] > l[1] && l[1] > l[2], `${v} ${l}`).toBe(true);
      }
    });

    it('diff flame graph: grew and shrank are told apart at every strength, and from unchanged at full strength', () => {
      for (const s of [0.25, 0.5, 1]) expect(tooClose({ grew: diffColour(s, 0, 1, dark), shrank: diffColour(0, s, 1, dark) }), `strength ${s}`).toEqual([]);
      expect(tooClose({ grew: diffColour(1, 0, 1, dark), unchanged: diffColour(0, 0, 1, dark) })).toEqual([]);
      expect(tooClose({ shrank: diffColour(0, 1, 1, dark), unchanged: diffColour(0, 0, 1, dark) })).toEqual([]);
    });
  });
}

describe('status colours of the page (styles.css)', () => {
  // ok/warn/bad mark good and bad next to each other (compare page: better vs
  // worse, gone vs new findings; wizard: value taken from the report vs an
  // error; input list: done vs failed). Each also has words or a sign
  // ("▼ better", "New in B", "error:") but the colours must not cancel out.
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: ok, warn and bad are told apart`, () => {
      const v = themeVars(theme);
      expect(tooClose({ ok: v.ok, warn: v.warn, bad: v.bad })).toEqual([]);
    });

    it(`${theme}: finding severities (info accent, warning, critical) are told apart`, () => {
      // components/Findings.svelte: the left border and the severity word take these colours.
      const v = themeVars(theme);
      expect(tooClose({ info: v.accent, warning: v.warn, critical: v.bad })).toEqual([]);
    });
  }
});

describe('chart code takes its colours from the tested palettes', () => {
  // A colour written straight into a chart option would escape this test; the
  // palettes checked above are the only places chart colours may come from.
  const ui = path.resolve(__dirname, '../../../src/ui');
  const TESTED = new Set(['charts/palette.ts', 'views/pprof/flameLayout.ts']);
  // The HTML export's fallback page background when the CSS variable is missing (not a chart colour).
  const ALLOWED: Record<string, string[]> = { 'charts/chartExport.ts': ["'#ffffff'"] };
  const files = (readdirSync(ui, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split(path.sep).join('/'));

  it('no colour literal in src/ui/**/*.ts outside the palettes', () => {
    expect(files.length).toBeGreaterThan(10);
    const found = files
      .filter((f) => !TESTED.has(f))
      .flatMap((f) =>
        [...readFileSync(path.join(ui, f), 'utf8').matchAll(/'#[0-9a-fA-F]{3,8}'|\b(?:rgba?|hsla?)\(/g)]
          .map((m) => m[0])
          .filter((m) => !(ALLOWED[f] ?? []).includes(m))
          .map((m) => `${f}: ${m}`),
      );
    expect(found).toEqual([]);
  });
});
