// Instances of known classes sent to another thread (postMessage). Structured
// clone keeps an object's fields (Maps, arrays, typed arrays, references
// shared inside the message) but not its class. tagClasses() marks each
// instance of a listed class with the class's name, refuses anything else
// that is not plain data (a function, an unlisted class: structured clone
// would drop or refuse it silently elsewhere) and lists the ArrayBuffers the
// message can transfer instead of copying; restoreClasses() gives every
// tagged object its class back on the receiving side.

const TAG = '__class';

/** The classes a message may hold, by a name both sides agree on. */
export type ClassTable = Record<string, { prototype: object }>;

function isPlainProto(p: unknown): boolean {
  return p === Object.prototype || p === null;
}

/** Pushes the members of a Map, Set or array (objects only, for arrays) and says whether `v` was one. */
function pushMembers(v: object, stack: unknown[]): boolean {
  if (v instanceof Map) {
    for (const [k, x] of v) stack.push(k, x);
    return true;
  }
  if (v instanceof Set) {
    for (const x of v) stack.push(x);
    return true;
  }
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' || typeof x === 'function') stack.push(x);
    return true;
  }
  return false;
}

/** Tags the instances of `classes` under `root` (changing them) and returns the buffers to transfer. */
export function tagClasses(root: unknown, classes: ClassTable): ArrayBuffer[] {
  const names = new Map<object, string>();
  for (const [name, c] of Object.entries(classes)) names.set(c.prototype, name);
  const seen = new Set<object>();
  const buffers = new Set<ArrayBuffer>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'function') throw new Error('tagClasses: a function cannot be sent');
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      continue;
    }
    if (v instanceof ArrayBuffer) {
      buffers.add(v);
      continue;
    }
    if (pushMembers(v, stack)) continue;
    const proto: unknown = Object.getPrototypeOf(v);
    if (!isPlainProto(proto)) {
      const name = names.get(proto as object);
      if (name === undefined) throw new Error(`tagClasses: an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name ?? '?'} is not in the table`);
      (v as Record<string, unknown>)[TAG] = name;
    }
    for (const k of Object.keys(v)) if (k !== TAG) stack.push((v as Record<string, unknown>)[k]);
  }
  return [...buffers];
}

/** Gives each object tagged by tagClasses its class back (in place); returns `root`. */
export function restoreClasses<T>(root: T, classes: ClassTable): T {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    seen.add(v);
    if (pushMembers(v, stack)) continue;
    const o = v as Record<string, unknown>;
    const name = o[TAG];
    if (typeof name === 'string') {
      const c = Object.prototype.hasOwnProperty.call(classes, name) ? classes[name] : undefined;
      if (!c) throw new Error(`restoreClasses: unknown class ${JSON.stringify(name).slice(0, 40)}`);
      delete o[TAG];
      Object.setPrototypeOf(o, c.prototype);
    }
    for (const k of Object.keys(o)) stack.push(o[k]);
  }
  return root;
}
