// An element's width, followed with a ResizeObserver but handed over in a task
// of its own. Set from the observer's callback (as bind:clientWidth does), a
// first width makes the view draw inside the browser's rendering task, after
// that frame's animation callbacks and before its paint: one long task. The
// trace timeline's first render was 68 ms of CPU there, the flame graph's first
// draw 20–40 ms on top of the frame's own work (bench/gotrace-browser.ts).

/** Calls `set(el.clientWidth)` in a task after each resize; returns the disconnect. */
export function widthInItsOwnTask(el: HTMLElement, set: (width: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ro = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => set(el.clientWidth), 0);
  });
  ro.observe(el);
  return () => {
    clearTimeout(timer);
    ro.disconnect();
  };
}
