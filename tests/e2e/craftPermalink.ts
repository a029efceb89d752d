// Prints a crafted permalink payload (what follows #/p/) whose report carries
// hostile strings in names, findings, evidence and links. Run by the injection
// spec through tsx (the report modules import package.json, which Playwright's
// loader cannot). Usage: node --import tsx tests/e2e/craftPermalink.ts

import { analyzeInput } from '../../src/kinds/analyzeInput';
import { assembleReport } from '../../src/report/assemble';
import { encodeShared, makeShareLink } from '../../src/report/permalink/share';
import { NO_REDACTION } from '../../src/report/permalink/types';
import { HOSTILE_STRINGS } from '../fixtures/hostile/strings';
import { hostileDump, hostileGctrace, hostileProfile } from './hostile';

const inputs = [
  analyzeInput('in1', HOSTILE_STRINGS[0], new TextEncoder().encode(hostileDump(HOSTILE_STRINGS))).report,
  analyzeInput('in2', HOSTILE_STRINGS[1], hostileProfile(HOSTILE_STRINGS, HOSTILE_STRINGS)).report,
  analyzeInput('in3', HOSTILE_STRINGS[2], new TextEncoder().encode(hostileGctrace(HOSTILE_STRINGS))).report,
];
const { shared } = makeShareLink({ report: assembleReport(inputs), name: HOSTILE_STRINGS[3], redact: NO_REDACTION }, 'http://x/', 2_000_000);
// What an attacker controls beyond names: finding texts, evidence and links.
for (const [k, f] of shared.report.findings.entries()) {
  f.title = HOSTILE_STRINGS[k % HOSTILE_STRINGS.length];
  f.detail = `${HOSTILE_STRINGS[(k + 1) % HOSTILE_STRINGS.length]} see javascript:alert(1) and https://x.example/"><img src=x onerror=alert(2)>`;
  f.evidence = [...HOSTILE_STRINGS];
}
if (!shared.report.findings.length) throw new Error('the crafted report has no findings');
process.stdout.write(encodeShared(shared).payload);
