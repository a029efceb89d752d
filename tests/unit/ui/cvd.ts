// Colour-vision-deficiency simulation for the palette test.
//
// Matrices: Machado, Oliveira & Fernandes, "A Physiologically-based Model for
// Simulation of Color Vision Deficiency", IEEE TVCG 15(6):1291–1298, 2009
// (doi:10.1109/TVCG.2009.113), severity 1.0 (protanopia, deuteranopia,
// tritanopia), as published on the authors' page
// (inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html).
// They act on linear RGB, so colours are linearised first; culori's own
// filterDeficiency* applies them to gamma-encoded sRGB, which is why the
// matrix product is written here. culori parses colours, converts between
// spaces and computes CIEDE2000.

import { converter, differenceCiede2000, parse, type Lab65 } from 'culori';

export const DEFICIENCIES = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
} as const;

export type Vision = 'normal' | keyof typeof DEFICIENCIES;
export const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

const toLinear = converter('lrgb');
const toLab = converter('lab65');
const clamp = (x: number) => Math.min(1, Math.max(0, x));
const ciede2000 = differenceCiede2000();

/** How a person with `vision` sees the CSS colour `css`, in CIELAB (D65). */
export function seen(css: string, vision: Vision): Lab65 {
  const c = parse(css);
  if (!c) throw new Error(`not a colour: ${css}`);
  const { r, g, b } = toLinear(c);
  if (vision === 'normal') return toLab({ mode: 'lrgb', r, g, b });
  const m = DEFICIENCIES[vision];
  return toLab({ mode: 'lrgb', r: clamp(m[0] * r + m[1] * g + m[2] * b), g: clamp(m[3] * r + m[4] * g + m[5] * b), b: clamp(m[6] * r + m[7] * g + m[8] * b) });
}

/** CIEDE2000 colour difference between two CSS colours as seen with `vision`. */
export function deltaE(a: string, b: string, vision: Vision): number {
  return ciede2000(seen(a, vision), seen(b, vision));
}
