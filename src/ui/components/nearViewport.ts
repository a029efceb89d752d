// One IntersectionObserver for every element that waits to come near the
// viewport (WhenVisible, the trace timeline): a report of hundreds of inputs
// has hundreds of them, and one observer per element made each layout check
// hundreds of observers.

const waiting = new Map<Element, () => void>();
let io: IntersectionObserver | undefined;

/** Calls `near` once, when `el` comes within 300 px of the viewport; returns the way to stop waiting. */
export function whenNear(el: Element, near: () => void): () => void {
  io ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const cb = waiting.get(e.target);
        waiting.delete(e.target);
        io!.unobserve(e.target);
        cb?.();
      }
    },
    { rootMargin: '300px 0px' },
  );
  waiting.set(el, near);
  io.observe(el);
  return () => {
    waiting.delete(el);
    io?.unobserve(el);
  };
}
