// What the view registry (./registry.ts) holds and what views are given. Kept
// apart from the registry so views can name their props without importing the
// list that imports them.

import type { Component } from 'svelte';
import type { InputReport, Report, ReportKey } from '../../report/schema';

/** Props of the view of analysis K: the input, the report, and the input's analysis K itself (typed, never cast). */
export interface ViewProps<K extends ReportKey = ReportKey> {
  input: InputReport;
  report: Report;
  analysis: NonNullable<InputReport[K]>;
}

/** One per-input view: the section title, its component and its place on the page. */
export interface AnalysisViewEntry<K extends ReportKey> {
  title: string;
  component: Component<ViewProps<K>>;
  /** Lower comes first. gc is 10. */
  order: number;
}

/** The per-input views by report key (analyses and models such as whatif): every key has a view, and each view's component takes that key's analysis. */
export type ViewTable = { [K in ReportKey]: AnalysisViewEntry<K> };

export interface SessionView {
  id: string;
  title: string;
  applies(report: Report): boolean;
  component: Component<{ report: Report }>;
  order: number;
}
