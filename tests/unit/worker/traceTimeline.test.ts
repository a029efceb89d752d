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

const data = readFixture('go126-mixed.trace');
const load = (id: string) => models.set(id, analyzeInput(id, 'go126-mixed.trace', data).model);

afterEach(() => models.clear());

describe('worker: a trace timeline kept with the session', () => {
  it('restored without the trace, it answers as the trace did', async () => {
    load('t1');
    const info = api.timelineInfo('t1');
    const tile = api.timelineTile('t1', info.firstTime, info.lastTime + 1, 800);
    const file = api.timelineSnapshot('t1');
    expect(file).toBeInstanceOf(Blob);
    models.clear();
    expect(() => api.timelineInfo('t1')).toThrow(/no longer in memory/);
    expect(await api.restoreTimeline('t1', file)).toEqual({ ok: true });
    expect(api.timelineInfo('t1')).toEqual(info);
    expect(api.timelineTile('t1', info.firstTime, info.lastTime + 1, 800)).toEqual(tile);
    // Dropping the input frees what was restored for it.
    void coreApi.drop('t1');
    expect([...models.keys()]).toEqual([]);
  });

  it('a damaged file, or something else stored in its place: refused, saying why', async () => {
    load('t2');
    const good = new Uint8Array(await api.timelineSnapshot('t2')!.arrayBuffer());
    models.clear();
    const cut = new Blob([good.subarray(0, good.length >> 1)]);
    expect(await api.restoreTimeline('t2', cut)).toEqual({ ok: false, why: expect.stringMatching(/^the stored timeline is damaged: .*past the end of the file/) });
    expect(await api.restoreTimeline('t2', 'GOTUNETL')).toEqual({ ok: false, why: 'no timeline was stored with it' });
    expect([...models.keys()]).toEqual([]);
  });

  it('the trace read again replaces the restored timeline', async () => {
    load('t3');
    const file = api.timelineSnapshot('t3');
    models.clear();
    await api.restoreTimeline('t3', file);
    expect([...models.keys()]).toEqual(['t3~timeline']);
    load('t3');
    api.timelineInfo('t3');
    expect([...models.keys()]).toEqual(['t3']);
  });
});
