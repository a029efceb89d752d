// Scroll to the chart a finding or a diagnosis evidence row points at, focus it
// (keyboard users continue from there) and flash it.

import { chartFocus } from './state/chartFocus.svelte';
import { fmtSig } from './format';

export interface AnchorRef {
  analysis: string;
  chart?: string;
  /** The moment the finding is about, on the chart's time axis (Chart.svelte marks it). */
  timeSec?: number;
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
  if (el) {
    const t = anchor!.timeSec;
    chartFocus.current = { id: el.id, timeSec: t, label: t === undefined ? '' : `this finding: ${fmtSig(t)} s` };
  }
  // Instantly, then again once sections drawn on the way (WhenVisible) have their height:
  // the card's title ends below the sticky header (html scroll-padding-top).
  el?.scrollIntoView({ block: 'start' });
  setTimeout(() => el?.scrollIntoView({ block: 'start' }), 350);
  if (el && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el?.focus({ preventScroll: true });
  el?.classList.add('flash');
  setTimeout(() => el?.classList.remove('flash'), 1500);
}
