// Permalink encode/decode on the fixture sessions. Reference, in the same
// process: JSON.stringify + deflate (fflate, level 6) of the whole report, the
// floor any "report in a URL" scheme pays; and inflate + JSON.parse for decoding.
//   npx tsx bench/permalink.ts [rounds]

import { deflateSync, inflateSync, strFromU8 } from 'fflate';
import { decodeShareLink, makeShareLink } from '../src/report/permalink/share';
import { NO_REDACTION } from '../src/report/permalink/types';
import { COMBINATIONS, sessionReport } from '../tests/unit/permalink/sessions';
import { median, time } from './timing';

const rounds = Number(process.argv[2] ?? 20);
const enc = new TextEncoder();

for (const [name, files] of Object.entries(COMBINATIONS)) {
  const report = sessionReport(files);
  const json = JSON.stringify(report);
  let payload = '';
  let level = 0;
  const ours: number[] = [];
  const ref: number[] = [];
  const dec: number[] = [];
  const refDec: number[] = [];
  const full = deflateSync(enc.encode(json), { level: 6 });
  // Warm-up (JIT) before measuring.
  for (let i = 0; i < 3; i++) decodeShareLink(makeShareLink({ report, name, redact: NO_REDACTION }).payload);
  for (let i = 0; i < rounds; i++) {
    ours.push(
      time(() => {
        const l = makeShareLink({ report, name, redact: NO_REDACTION });
        payload = l.payload;
        level = l.level;
      }),
    );
    ref.push(time(() => deflateSync(enc.encode(JSON.stringify(report)), { level: 6 })));
    dec.push(time(() => decodeShareLink(payload)));
    refDec.push(time(() => JSON.parse(strFromU8(inflateSync(full)))));
  }
  const m = median(ours);
  const r = median(ref);
  console.log(`permalink ${name}: report ${(json.length / 1024).toFixed(1)} KiB, link ${payload.length} chars at level ${level}`);
  console.log(`  gotune make link   median ${m.toFixed(1)} ms`);
  console.log(`  reference: stringify+deflate whole report median ${r.toFixed(1)} ms (ratio ${(m / r).toFixed(2)})`);
  console.log(`  gotune open link   median ${median(dec).toFixed(2)} ms`);
  console.log(`  reference: inflate+parse whole report median ${median(refDec).toFixed(2)} ms (ratio ${(median(dec) / median(refDec)).toFixed(2)})`);
}
