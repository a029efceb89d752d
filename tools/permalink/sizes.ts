// Prints the permalink size of every fixture session as a Markdown table (docs/permalink.md).
//   npx tsx tools/permalink/sizes.ts

import { fixtureSessions, sessionReport } from '../../tests/unit/permalink/sessions';
import { makeShareLink, urlLength } from '../../src/report/permalink/share';
import { NO_REDACTION } from '../../src/report/permalink/types';

const base = 'https://gotune.example/';
console.log('| session | report JSON (bytes) | link (URL chars) | level | redacted link | fits | cuts listed |');
console.log('|---|---:|---:|---:|---:|---|---:|');
for (const [name, files] of fixtureSessions()) {
  const r = sessionReport(files);
  const l = makeShareLink({ report: r, name, redact: NO_REDACTION }, base);
  const lr = makeShareLink({ report: r, name, redact: { names: true, labels: true, files: true, cmdline: true } }, base);
  const what = files.length > 1 ? `${name} (${files.join(', ')})` : name;
  console.log(`| ${what} | ${JSON.stringify(r).length} | ${urlLength(base, l.payload)} | ${l.level} | ${urlLength(base, lr.payload)} | ${l.fits ? 'yes' : 'no'} | ${l.shared.dropped.length} |`);
}
