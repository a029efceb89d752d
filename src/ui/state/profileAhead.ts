// A profile view's first query, asked of the worker before the view is on the
// page. Reopening a session with an execution trace rebuilds the trace's CPU
// profile from its stored tables at once (session.open); the flame graph's
// default query then goes to the worker too, while the main thread still puts
// the report's sections in the page, and the view finds the answer waiting
// instead of asking when its section is drawn. Taken once; any other query
// (another sample type, a filter) is asked as before.

import type { ProfileQuery, ProfileResult } from '../../worker/pprof';
import { workerClient } from '../workerClient';

/** The query a profile view starts with (ProfileView.svelte's defaults), for profile `id` at sample index `sampleIndex`. */
export function firstQuery(id: string, sampleIndex: number): ProfileQuery {
  return { id, sampleIndex, filters: {}, noInlines: false, groupBy: '', granularity: 'functions' };
}

const keyOf = (q: ProfileQuery) => JSON.stringify([q.id, q.sampleIndex, q.filters ?? {}, q.noInlines ?? false, q.groupBy ?? '', q.granularity ?? 'functions', q.baseId ?? null]);

const asked = new Map<string, { key: string; result: Promise<ProfileResult> }>();

/**
 * Ask the worker for `q` now, right behind the message that rebuilds the profile: the worker handles
 * its messages in turn and the rebuild is synchronous there, so the query finds the profile without a
 * round trip through the main thread, which is busy putting the report's sections in the page (the
 * answer used to wait there 20–90 ms before the query was even sent). The answer counts only when
 * `ready` says the profile was rebuilt; it waits for the view, which may come before it (it then
 * waits for this answer rather than rebuild the profile).
 */
export function askAhead(q: ProfileQuery, ready: Promise<boolean> = Promise.resolve(true)): void {
  const answer = workerClient().api.pprofQuery(q);
  answer.catch(() => {}); // a profile not rebuilt: ready says so below
  const result = ready.then((ok) => (ok ? answer : Promise.reject(new Error('the profile was not rebuilt'))));
  result.catch(() => {}); // the view asks again and shows the error
  asked.set(q.id, { key: keyOf(q), result });
}

/** The answer to `q` asked ahead, once; null when none was (or another query was). */
export function takeAhead(q: ProfileQuery): Promise<ProfileResult> | null {
  const a = asked.get(q.id);
  if (!a) return null;
  asked.delete(q.id);
  return a.key === keyOf(q) ? a.result : null;
}

/** Forget what was asked (the worker restarted, or the session closed). */
export function forgetAhead(): void {
  asked.clear();
}
