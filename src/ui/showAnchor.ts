// Scroll to the chart a finding or a diagnosis evidence row points at, focus it
// (keyboard users continue from there) and flash it.

export interface AnchorRef {
  analysis: string;
  chart?: string;
}

export function anchorTarget(input: string | undefined, anchor: AnchorRef | undefined): string | undefined {
  if (!anchor || !input) return undefined;
  return `view-${input}-${anchor.analysis}${anchor.chart ? `-${anchor.chart}` : ''}`;
}

/** `reveal` adds an input's sections to a big report's page first (they are drawn on demand). */
export async function showAnchor(input: string | undefined, anchor: AnchorRef | undefined, reveal?: (inputId: string | undefined) => Promise<void>): Promise<void> {
  const id = anchorTarget(input, anchor);
  if (!id) return;
  await reveal?.(input);
  const el = document.getElementById(id) ?? document.getElementById(`view-${input}-${anchor!.analysis}`);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  if (el && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el?.focus({ preventScroll: true });
  el?.classList.add('flash');
  setTimeout(() => el?.classList.remove('flash'), 1500);
}
