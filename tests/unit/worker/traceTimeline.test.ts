// The worker's timeline methods after a reopen: the file made from a read
// trace (timelineSnapshot) answers as the trace did once the trace is gone
// from memory; a damaged file is refused with its reason; drop() frees it;
// and a trace read again takes over from the restored file.

import { afterEach, describe, expect, it } from 'vitest';
import { analyzeInput } from '../../../src/kinds/analyzeInput';
import { models } from '../../../src/worker/models';
import { traceTimelineApi as api } from '../../../src/worker/traceTimeline';
import { coreApi } from '../../../src/worker/core';
import { readFixture } from '../gotrace/helpers';
import { encodeTimeline } from '../../../src/analysis/gotrace/timelineSnapshot';
import type { GoTraceModel } from '../../../src/analysis/gotrace/model';

const data = readFixture('go126-mixed.trace');
const load = (id: string) => models.set(id, analyzeInput(id, 'go126-mixed.trace', data).model);

afterEach(() => models.clear());

describe('worker: a trace timeline kept with the session', () => {
  it('restored without the trace, it answers as the trace did', async () => {
    load('t1');
    const info = await api.timelineInfo('t1');
    const tile = await api.timelineTile('t1', info.firstTime, info.lastTime + 1, 800);
    const zoomed = await api.timelineTile('t1', info.firstTime, info.firstTime + (info.lastTime - info.firstTime) / 7, 800);
    const file = api.timelineSnapshot('t1');
    expect(file).toBeInstanceOf(Blob);
    models.clear();
    await expect(api.timelineInfo('t1')).rejects.toThrow(/no longer in memory/);
    expect(await api.restoreTimeline('t1', file)).toEqual({ ok: true });
    // First the overview: the info, and the whole trace, before the columns are read.
    expect([...models.keys()]).toEqual(['t1~overview']);
    expect(await api.timelineInfo('t1')).toEqual(info);
    const early = await api.timelineTile('t1', info.firstTime, info.lastTime + 1, 800);
    expect(early.lanes.map((l) => l.count)).toEqual(tile.lanes.map((l) => l.count));
    expect([...models.keys()]).toEqual(['t1~overview']);
    // A zoomed window waits for the columns, then answers as the trace did.
    expect(await api.timelineTile('t1', info.firstTime, info.firstTime + (info.lastTime - info.firstTime) / 7, 800)).toEqual(zoomed);
    expect([...models.keys()]).toEqual(['t1~timeline']);
    expect(await api.timelineDetail('t1')).toEqual({ ok: true });
    expect(await api.timelineTile('t1', info.firstTime, info.lastTime + 1, 800)).toEqual(tile);
    // Dropping the input frees what was restored for it.
    void coreApi.drop('t1');
    expect([...models.keys()]).toEqual([]);
  });

  it('a damaged file, or something else stored in its place: refused, saying why', async () => {
    load('t2');
    const good = new Uint8Array(await api.timelineSnapshot('t2')!.arrayBuffer());
    const info = await api.timelineInfo('t2');
    models.clear();
    // Cut in its columns: the overview is drawn, then the detail is refused with the reason, and every later ask says it.
    const cut = new Blob([good.subarray(0, good.length >> 1)]);
    expect(await api.restoreTimeline('t2', cut)).toEqual({ ok: true });
    const why = expect.stringMatching(/^the stored timeline is damaged: .*past the end of the file/);
    await expect(api.timelineTile('t2', info.firstTime, info.firstTime + 1e6, 800)).rejects.toThrow(/^the stored timeline is damaged/);
    expect(await api.timelineDetail('t2')).toEqual({ ok: false, why });
    expect([...models.keys()]).toEqual([]);
    // Cut in its overview: refused at once.
    const head = new DataView(good.buffer, good.byteOffset).getUint32(12, true);
    expect(await api.restoreTimeline('t2b', new Blob([good.subarray(0, 16 + (head >> 1))]))).toEqual({ ok: false, why: expect.stringMatching(/^the stored timeline is damaged: its overview is longer than the file/) });
    const bad = good.slice();
    bad.fill(0x41, 16, 24); // the overview's magic
    expect(await api.restoreTimeline('t2c', new Blob([bad]))).toEqual({ ok: false, why: 'the stored timeline is damaged: its overview is not one' });
    expect(await api.restoreTimeline('t2', 'GOTUNETL')).toEqual({ ok: false, why: 'no timeline was stored with it' });
    expect([...models.keys()]).toEqual([]);
  });

  it('a file kept by an older page (the columns alone, layout 1) is still read', async () => {
    load('t4');
    const m = models.get('t4') as GoTraceModel;
    const info = await api.timelineInfo('t4');
    const tile = await api.timelineTile('t4', info.firstTime, info.lastTime + 1, 640);
    const old = new Blob(encodeTimeline(m.spans, m.collected)! as BlobPart[]);
    models.clear();
    expect(await api.restoreTimeline('t4', old)).toEqual({ ok: true });
    expect([...models.keys()]).toEqual(['t4~timeline']);
    expect(await api.timelineTile('t4', info.firstTime, info.lastTime + 1, 640)).toEqual(tile);
  });

  it('the trace read again replaces the restored timeline', async () => {
    load('t3');
    const file = api.timelineSnapshot('t3');
    models.clear();
    await api.restoreTimeline('t3', file);
    const info = await api.timelineInfo('t3');
    await api.timelineTile('t3', info.firstTime, info.lastTime + 1, 500); // from the overview; the columns are read after it
    expect(await api.timelineDetail('t3')).toEqual({ ok: true });
    expect([...models.keys()]).toEqual(['t3~timeline']);
    load('t3');
    await api.timelineInfo('t3');
    expect([...models.keys()]).toEqual(['t3']);
  });
});
