// The 16-byte header "go 1.N trace\0…" and what we do with each N.

import { FormatError } from '../types';
import { V1_VERSIONS } from './v1/spec';

/** Header versions the v2 reader handles. */
export const V2_VERSIONS = [22, 23, 25, 26] as const;
export { V1_VERSIONS };

/** True for the v1 formats (Go 1.11–1.21), read by src/formats/gotrace/v1/. */
export function isV1(version: number): boolean {
  return (V1_VERSIONS as readonly number[]).includes(version);
}

const HEADER_RE = /^go 1\.(\d+) trace\0/;

/** The N of "go 1.N trace", or -1 when the bytes are not a trace header. */
export function headerVersion(bytes: Uint8Array): number {
  if (bytes.length < 14) return -1;
  let s = '';
  for (let i = 0; i < Math.min(16, bytes.length); i++) s += String.fromCharCode(bytes[i]);
  const m = HEADER_RE.exec(s);
  return m ? Number(m[1]) : -1;
}

/** The Go releases that write header version v (Go 1.12–1.18 reuse "go 1.11 trace", 1.20 reuses 1.19's, 1.24 1.23's). */
export function writtenBy(v: number): string {
  return v === 11 ? 'Go 1.11–1.18' : v === 19 ? 'Go 1.19–1.20' : v === 23 ? 'Go 1.23–1.24' : `Go 1.${v}`;
}

/** Checks the header; returns the version of a readable trace (v1 or v2), throws FormatError otherwise. */
export function checkHeader(bytes: Uint8Array): number {
  const v = headerVersion(bytes);
  if (v < 0) throw new FormatError('bad file format: not a Go execution trace (no "go 1.N trace" header)', 'gotrace-header');
  if ((V2_VERSIONS as readonly number[]).includes(v) || isV1(v)) {
    if (bytes.length < 16) throw new FormatError(`the Go ${v} trace is cut inside its 16-byte header`, 'gotrace-truncated');
    return v;
  }
  if (v > 26) {
    throw new FormatError(`unknown or unsupported trace version go 1.${v}: this reader knows Go 1.11–1.26 traces`, 'gotrace-version');
  }
  // Go 1.5–1.10 and any other minor: rejected like Go's own reader.
  throw new FormatError(`unknown or unsupported trace version go 1.${v} (Go's own tools no longer read it either)`, 'gotrace-version');
}
