// Grouping goroutines by identical stack: function + file:line of every frame
// and the creator, ignoring ids, arguments, offsets and fp/sp/pc.

import type { Frame, GoroutineDump } from '../../formats/goroutines/model';
import { isRuntimeFunc, RUNTIME_STATES } from '../../formats/goroutines/states';
import type { GoroutineGroup, StackFrame } from './types';

/** Standard-library loops that are expected to sit waiting for ever. */
const BACKGROUND_FUNCS = new Set([
  'net/http.(*Server).Serve',
  'os/signal.loop',
  'os/signal.signal_recv',
  'runtime/pprof.writeGoroutineStacks',
  'runtime/pprof.runtime_goroutineProfileWithLabels',
  'runtime/pprof.writeRuntimeProfile',
  'runtime/pprof.writeGoroutine',
  'testing.(*M).startAlarm.func1',
  'testing.(*T).Run',
  'testing.tRunner',
  'testing.runTests',
]);

export function toStackFrame(f: Frame): StackFrame {
  return { func: f.func, file: f.file, line: f.line, runtime: isRuntimeFunc(f.func) };
}

interface Acc {
  first: number;
  count: number;
  states: Map<string, number>;
  minWait: number;
  maxWait: number;
  locked: number;
  leaked: number;
  ids: number[];
}

/** All groups, largest first (ties: earlier in the dump first). */
export function groupGoroutines(dump: GoroutineDump): GoroutineGroup[] {
  const byKey = new Map<string, Acc>();
  const gs = dump.goroutines;
  // Every record of a debug=1 (or binary) leak profile is a leaked goroutine.
  const allLeaked = dump.leakProfile === true && dump.style === 'debug1';
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i];
    const leaked = allLeaked || g.leaked === true;
    // Labelled goroutines with the same stack stay apart, as in the runtime's own debug=1 aggregation;
    // proven-leaked goroutines stay apart from live ones on the same stack.
    const key = (g.stackId !== undefined ? 's' + g.stackId : g.frames.join(',')) + '|' + (g.createdBy ?? '') + (g.labels ? '|' + JSON.stringify(g.labels) : '') + (leaked ? '|L' : '');
    let a = byKey.get(key);
    if (!a) {
      a = { first: i, count: 0, states: new Map(), minWait: Infinity, maxWait: 0, locked: 0, leaked: 0, ids: [] };
      byKey.set(key, a);
    }
    if (leaked) a.leaked += g.count;
    a.count += g.count;
    a.states.set(g.state, (a.states.get(g.state) ?? 0) + g.count);
    if (g.waitMinutes < a.minWait) a.minWait = g.waitMinutes;
    if (g.waitMinutes > a.maxWait) a.maxWait = g.waitMinutes;
    if (g.lockedToThread) a.locked += g.count;
    if (a.ids.length < 20 && g.id >= 0) a.ids.push(g.id);
  }
  const accs = [...byKey.values()].sort((x, y) => y.count - x.count || x.first - y.first);
  return accs.map((a, index) => describeGroup(dump, a, index));
}

function describeGroup(dump: GoroutineDump, a: Acc, index: number): GoroutineGroup {
  const g = dump.goroutines[a.first];
  const stack = g.frames.map((i) => toStackFrame(dump.frames[i]));
  const top = topFrame(stack);
  const creator = g.createdBy !== undefined ? dump.frames[g.createdBy] : undefined;
  const states = [...a.states.entries()].map(([state, count]) => ({ state, count })).sort((x, y) => y.count - x.count);
  const state = states[0]?.state ?? 'unknown';
  const group: GoroutineGroup = {
    index,
    count: a.count,
    state,
    states,
    function: top?.func ?? '(no frames)',
    location: top ? `${top.file}:${top.line}` : '',
    minWaitMinutes: a.minWait === Infinity ? 0 : a.minWait,
    maxWaitMinutes: a.maxWait,
    lockedToThread: a.locked,
    stack,
    representativeId: g.id,
    ids: a.ids,
    background: isBackground(state, stack, creator?.func) || (g.id === 1 && state === 'select (no cases)'),
    matchKey: matchKey(stack),
  };
  if (g.stateInferred) group.stateInferred = true;
  if (creator) {
    group.createdBy = creator.func;
    group.createdAt = `${creator.file}:${creator.line}`;
  }
  if (g.elided !== undefined) group.elidedFrames = g.elided;
  if (g.labels) group.labels = g.labels;
  if (a.leaked > 0) group.leaked = a.leaked;
  return group;
}

/** Standard-library plumbing between the runtime and the code that decided to wait. */
const PLUMBING = /^(?:internal\/poll\.|internal\/sync\.|sync\.|net\.\(\*netFD\)|net\.\(\*conn\)|bufio\.|io\.|os\.\(\*File\)|syscall\.|time\.Sleep$|context\.)/;

/** The frame that names a stack: the first one outside the runtime and std plumbing. */
export function topFrame(stack: StackFrame[]): StackFrame | undefined {
  return stack.find((f) => !f.runtime && !PLUMBING.test(f.func)) ?? stack.find((f) => !f.runtime) ?? stack[0];
}

function isBackground(state: string, stack: StackFrame[], creator: string | undefined): boolean {
  if (RUNTIME_STATES.has(state)) return true;
  if (state === 'running' || state === 'runnable') return true;
  const user = stack.filter((f) => !f.runtime);
  if (user.length === 0) return true; // runtime-internal goroutines (bgsweep, forcegc…)
  if (creator?.startsWith('runtime.')) return true;
  return user.some((f) => BACKGROUND_FUNCS.has(f.func));
}

/**
 * Key matching the same stack in another dump of the same program, whatever
 * the dump style: debug=1 hides leading runtime frames and the creator, and
 * paths differ with -trimpath, so only non-runtime functions and lines count.
 */
export function matchKey(stack: StackFrame[]): string {
  const user = stack.filter((f) => !f.runtime);
  const use = user.length ? user : stack;
  return use.map((f) => `${f.func}:${f.line}`).join(' ');
}
