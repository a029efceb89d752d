// What the view registry (./registry.ts) holds and what views are given. Kept
// apart from the registry so views can name their props without importing the
// list that imports them.

import type { Component } from 'svelte';
import type { InputReport, Report, ReportKey } from '../../report/schema';

export interface ViewProps {
  input: InputReport;
  report: Report;
}

export interface AnalysisView {
  /** Key of the analysis in InputReport. */
  key: ReportKey;
  title: string;
  component: Component<ViewProps>;
  /** Lower comes first. gc is 10. */
  order: number;
}

export interface SessionView {
  id: string;
  title: string;
  applies(report: Report): boolean;
  component: Component<{ report: Report }>;
  order: number;
}
