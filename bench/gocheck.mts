import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { decodeProfile as parsePprof } from "../src/formats/pprof/decode";
const GO_ANCHOR = /^(runtime|main)\.[^\s:]+$/;
function walk(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
for (const f of [...walk('tests/fixtures'), ...walk('/work/shared/fixtures/pprof')]) {
  let b = new Uint8Array(readFileSync(f));
  try { if (b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b); } catch { continue; }
  let p; try { p = parsePprof(b); } catch { continue; }
  let anchor = false, goFile = false, files = 0;
  for (let i = 0; i < p.numFunctions; i++) { if (GO_ANCHOR.test(p.strings[p.funcName[i]] ?? '')) anchor = true; const fn = p.strings[p.funcFile[i]] ?? ''; if (fn) files++; if (/\.go$/.test(fn)) goFile = true; }
  console.log(anchor ? 'A' : '-', goFile ? 'G' : '-', files, p.numFunctions, f);
}
