// The permalink target: a shared report's JSON (made by makeShareLink from real
// fixtures) is mutated, packed the way links are (deflate-raw + base64url) and
// opened with decodeShareLink; the raw bytes are also tried as link text.
// decodeShareLink never throws by design, so its catch-all message ("could not
// be read") counts as a crash: it means an exception escaped the decoder.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeInput } from '../../src/kinds/analyzeInput';
import { assembleReport } from '../../src/report/assemble';
import { base64url, deflateRaw } from '../../src/report/permalink/codec';
import { decodeShareLink, makeShareLink } from '../../src/report/permalink/share';
import { LINK_VERSION, NO_REDACTION } from '../../src/report/permalink/types';

const SEED_FILES = ['godebug/gctrace-basic.log', 'godebug/interleaved.log', 'goroutines/leak-1.debug2.txt', 'pprof/cpu.pb.gz', 'metrics/scrape-1.txt', 'config/deployment-myths.yaml'];

export function permalinkSeeds(fixtures: string): { name: string; bytes: Uint8Array }[] {
  return SEED_FILES.flatMap((f, i) => {
    const { report } = analyzeInput(`in${i + 1}`, f, new Uint8Array(readFileSync(resolve(fixtures, f))));
    const link = makeShareLink({ report: assembleReport([report], new Date(0)), name: f, redact: { ...NO_REDACTION, names: i % 2 === 1 } });
    return [{ name: `permalink of ${f}`, bytes: new TextEncoder().encode(JSON.stringify(link.shared)) }];
  });
}

/** undefined when both ways of opening ended in a result or a reasoned error; else what escaped. */
export function openPermalink(bytes: Uint8Array): string | undefined {
  const links = [`${LINK_VERSION}.${base64url(deflateRaw(bytes))}`, `#/p/${new TextDecoder('latin1').decode(bytes.subarray(0, 4096))}`];
  for (const link of links) {
    const r = decodeShareLink(link);
    if (!r.ok && r.error.message.startsWith('the link could not be read')) return r.error.message;
    if (r.ok) JSON.stringify(r.shared);
  }
  return undefined;
}
