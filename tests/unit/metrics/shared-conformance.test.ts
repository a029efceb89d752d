// Every Prometheus paste in ../shared/fixtures/logs parses and yields the GC
// pause quantiles written in it (client_golang < 1.4 and ≥ 1.20 HELP texts).
// Skipped with a message when ../shared is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSample } from '../../../src/formats/sniff';
import { sniffKind } from '../../../src/kinds/table';
import { loadProm, sharedLogs, values } from './load';

const have = existsSync(sharedLogs);
if (!have) console.log(`skipped: shared Prometheus pastes not found at ${sharedLogs}`);
const files = have ? readdirSync(sharedLogs).filter((f) => f.startsWith('prometheus-')) : [];

describe.skipIf(!have)('shared Prometheus pastes', () => {
  it.each(files)('%s', (f) => {
    const text = readFileSync(path.join(sharedLogs, f), 'utf8');
    expect(sniffKind(makeSample(new TextEncoder().encode(text)))?.format.kind).toBe('prometheus');
    const m = loadProm(text).metrics!;
    expect(m.pauseQuantiles!.maxMs).toBeCloseTo(values(text, 'go_gc_duration_seconds{quantile="1"}')[0] * 1000, 12);
    expect(m.pauseQuantiles!.count).toBe(values(text, 'go_gc_duration_seconds_count')[0]);
    expect(m.collector).toMatch(/client_golang/);
    const gogc = values(text, 'go_gc_gogc_percent');
    expect(m.gogcPercent).toBe(gogc.length ? gogc[0] : null);
  });
});
