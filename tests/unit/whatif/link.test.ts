// Permalinks carry the GC model's calibration, not its grid (it follows from
// the calibration and is recomputed when the link is opened); a damaged
// calibration from outside never reaches the model.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { assembleReport } from '../../../src/report/assemble';
import { decodeShareLink, makeShareLink } from '../../../src/report/permalink/share';
import { fromBase64url, inflateRawCapped } from '../../../src/report/permalink/codec';
import { DICTIONARY_V1 } from '../../../src/report/permalink/dictionary-v1';
import { isCalibration, whatifFromOutside } from '../../../src/whatif/validate';
import { predict } from '../../../src/whatif/predict';
import { repoRoot } from '../paths';

const bytes = new Uint8Array(readFileSync(join(repoRoot, 'tests/fixtures/whatif/go1.26.8/gogc100.gctrace.gz')));
const input = analyzeInput('in1', 'gogc100.gctrace.gz', bytes).report;
const report = assembleReport([input], new Date(0));
const redact = { names: false, labels: false, files: false, cmdline: false };

describe('what-if in permalinks', () => {
  it('the link carries the calibration; opening it recomputes the same grid', () => {
    expect(input.whatif?.grid?.length).toBe(13);
    const link = makeShareLink({ report, name: 's', redact });
    const wire = JSON.parse(new TextDecoder().decode(inflateRawCapped(fromBase64url(link.payload.split('.')[1])!, 1 << 24, new TextEncoder().encode(DICTIONARY_V1))));
    expect(wire.report.inputs[0].whatif.grid).toEqual([]);
    const back = decodeShareLink(link.payload);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const w = back.shared.report.inputs[0].whatif!;
    expect(w.grid!.length).toBe(13);
    for (const [k, p] of w.grid!.entries()) {
      const q = input.whatif!.grid![k];
      expect(p.gogc).toBe(q.gogc);
      expect(p.regime).toBe(q.regime);
      expect(p.cyclesPerGiB).toBeCloseTo(q.cyclesPerGiB, 2);
    }
  });
  it('a damaged calibration becomes a refusal, never a prediction', () => {
    const cal = input.whatif!.calibration!;
    expect(isCalibration(cal)).toBe(true);
    expect(isCalibration({ ...cal, nonHeap: { outsideHeapBytes: 1, unusedBytes: 1, spreadBytes: 5, growthBytesPerSec: -2, samples: 3 } })).toBe(true);
    for (const bad of [{ ...cal, liveBytes: 'x' }, { ...cal, fit: null }, { ...cal, gcCpuNsPerScanByte: Infinity }, { ...cal, notes: [1] }, { ...cal, limiter: { maxFill: 0.1, engagedAtSec: 'x' } }, { ...cal, fit: { ...cal.fit, gcCpuMean: -1 } }, { ...cal, nonHeap: { outsideHeapBytes: 1, unusedBytes: 1, spreadBytes: -5, growthBytesPerSec: 0, samples: 3 } }, { ...cal, nonHeap: 'x' }, { ...cal, markRunwayShare: 0 }, { ...cal, markRunwayShare: 7 }, { ...cal, markRunwayShare: '1' }, { ...cal, gcCpuNsPerMarkedByte: -1 }, { ...cal, gcCpuNsPerMarkedByte: 'x' }, null, 7]) {
      expect(whatifFromOutside({ calibration: bad, grid: [] })).toEqual({ refused: 'the GC model in this report is damaged' });
    }
    expect(whatifFromOutside({ refused: 'x'.repeat(2000) }).refused?.length).toBe(500);
  });
  it('a calibration from before the marked-heap cost (an older link) still predicts, costing cycles by the heap at mark termination', () => {
    const cal = input.whatif!.calibration!;
    expect(cal.gcCpuNsPerMarkedByte).toBeGreaterThan(0);
    const { gcCpuNsPerMarkedByte: _, ...old } = cal;
    const s = { gogc: 400, memoryLimitBytes: null, containerLimitBytes: null };
    const a = whatifFromOutside({ calibration: old, grid: [] });
    expect('refused' in a).toBe(false);
    // the two rules differ where the heap at mark termination is far above the heap marked (GOGC=400)
    expect(predict(old, s).gcCpuPercent).not.toBeCloseTo(predict(cal, s).gcCpuPercent, 1);
  });
  it('a valid but extreme calibration (a mark that allocated almost nothing) still predicts finite figures', () => {
    const cal = { ...input.whatif!.calibration!, markAllocBytes: 1e-300 };
    const w = whatifFromOutside({ calibration: cal, grid: [] });
    expect('refused' in w).toBe(false);
    for (const p of w.grid ?? []) {
      expect(Number.isFinite(p.cyclesPerGiB), JSON.stringify(p)).toBe(true);
      if (p.peakHeapBytes !== null) expect(Number.isFinite(p.peakHeapBytes), JSON.stringify(p)).toBe(true);
    }
    expect(w.grid?.length).toBeGreaterThan(0);
  });
});
