// Test helpers: read a fixture (gzip or raw) and decode it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'fflate';
import { decodeProfile } from '../../../src/formats/pprof/decode';
import type { PprofProfile } from '../../../src/formats/pprof/model';

export const repoRoot = path.resolve(__dirname, '../../..');
export const fixtures = path.join(repoRoot, 'tests/fixtures/pprof');
export const golden = path.join(fixtures, 'golden');

/** The pprof fixture sets with their goldens: Go 1.26.8 (the main one) and Go 1.27.3 (go127/). */
export const fixtureSets: { name: string; fixtures: string; golden: string }[] = [
  { name: 'go1.26.8', fixtures, golden },
  { name: 'go1.27.3', fixtures: path.join(fixtures, 'go127'), golden: path.join(fixtures, 'go127', 'golden') },
];

export function readBytes(file: string): Uint8Array {
  const b = new Uint8Array(readFileSync(file));
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

export function loadProfile(file: string): PprofProfile {
  return decodeProfile(readBytes(file));
}
