// Writes tests/fixtures/permalink/v<LINK_VERSION>-typical.txt: the permalink of
// the typical fixture session (gctrace + CPU profile + goroutine dump) as this
// version of gotune makes it. Run once per link version and commit the file; the
// unit tests decode every committed link so old links keep opening.
//   npx tsx tools/permalink/make-fixture.ts

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeShareLink } from '../../src/report/permalink/share';
import { LINK_VERSION, NO_REDACTION } from '../../src/report/permalink/types';
import { sessionReport, TYPICAL } from '../../tests/unit/permalink/sessions';
import { repoRoot } from '../../tests/unit/paths';

const link = makeShareLink({ report: sessionReport(TYPICAL), name: 'typical fixture session', redact: NO_REDACTION });
const out = resolve(repoRoot, `tests/fixtures/permalink/v${LINK_VERSION}-typical.txt`);
writeFileSync(out, `${link.payload}\n`);
console.log(`${out}: ${link.payload.length} characters, level ${link.level}, files ${TYPICAL.join(', ')}`);
