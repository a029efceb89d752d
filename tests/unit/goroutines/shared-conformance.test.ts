// Every goroutine paste in ../shared/fixtures/logs parses (public dumps from
// Go 1.2 to 1.22: src/pkg paths, 4/8-space indents, runtime stack:, gp= m=
// headers, debug=1 tabwriter frames). Skipped with a message when ../shared is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSample } from '../../../src/formats/sniff';
import { sniffKind } from '../../../src/kinds/table';
import { loadText, sharedLogs } from './load';

const have = existsSync(sharedLogs);
if (!have) console.log(`skipped: shared goroutine pastes not found at ${sharedLogs}`);
const files = have ? readdirSync(sharedLogs).filter((f) => f.startsWith('goroutines-')) : [];

describe.skipIf(!have)('shared goroutine pastes', () => {
  it.each(files)('%s parses, sniffs as a dump and keeps every frame pair', (f) => {
    const text = readFileSync(path.join(sharedLogs, f), 'utf8');
    expect(sniffKind(makeSample(new TextEncoder().encode(text)))?.format.kind).toBe('goroutines');
    const { dump, analysis, warnings } = loadText(text);
    // Independent count: file lines (indented, ending in :N or :N +0x…) each close one frame or creator.
    // A paste that ends inside a goroutine loses that goroutine, and says so.
    const all = text.split('\n');
    const isHeader = (l: string) => /^goroutine \d+ .*\]:$/.test(l);
    const lastHeader = all.map(isHeader).lastIndexOf(true);
    const lines = analysis.truncated ? all.slice(0, lastHeader) : all;
    if (analysis.truncated) expect(warnings.join(' ')).toMatch(/cut in the middle/);
    const fileLines = lines.filter((l) => /^\s+\S.*:\d+(?: \+0x[0-9a-f]+)?(?: fp=.*)?$/.test(l)).length;
    const debug1Frames = lines.filter((l) => l.startsWith('#\t0x')).length;
    const frames = dump.goroutines.reduce((s, g) => s + g.frames.length + (g.createdBy !== undefined ? 1 : 0), 0) + (dump.runtimeStack?.length ?? 0);
    expect(frames).toBe(fileLines + debug1Frames);
    expect(dump.goroutines.filter((g) => !g.partial).length).toBe(lines.filter(isHeader).length);
    expect(analysis.total).toBeGreaterThan(0);
  });
});
