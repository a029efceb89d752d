// How the report page finds what to show. READ THIS before adding a view.
//
// - Per-input analysis views: add an entry to VIEW_TABLE under the analysis key
//   (the type makes every key have one). The session page renders, for every
//   input that has `input[key]` set, a section titled `title` with `component`
//   given { input, report, analysis } (ViewProps<key>, ./types.ts): `analysis`
//   is `input[key]`, typed, so a view never casts it. Put the component in
//   src/ui/views/<analysis>/<Name>.svelte. Components render the report JSON;
//   they never parse. Charts: use src/ui/charts/Chart.svelte (ECharts with the
//   parts registered in charts/echarts.ts; colours from charts/palette.ts; every
//   axis named with its unit) inside components/ChartCard.svelte (title,
//   subtitle with the units, drawn when it scrolls into view). Layout:
//   StatGrid of StatCards on top, CardGrid for cards side by side; CSS
//   utilities (.muted, .note, .tag…) are in src/ui/styles.css. Shared UI:
//   components/ (Card, StatCard, CopyButton…). Display formatting: src/ui/format.ts.
// - Views that need the raw model (flame graph, trace timeline): add worker
//   methods in src/worker/<area>.ts, spread them into `api` in
//   src/worker/worker.ts, and call them via workerClient().api.<method>(…).
//   Models are in src/worker/models.ts by input id; when the model is gone
//   (the session was reopened from storage, or Cancel restarted the worker),
//   call `await ensureModel(input)` from src/ui/state/ensureModel.ts first.
// - Session-level views that combine inputs (diff of two profiles, a timeline
//   of gctrace + schedtrace, growth between two dumps): add to SESSION_VIEWS;
//   `applies(report)` says when to show it. Rendered above the per-input views.
// - Pages of their own (the wizard): add to PAGES in src/ui/pages/routes.ts;
//   the route is #/<path>, `nav` puts a link in the header. Pages get { params, query } from the
//   router (src/ui/state/router.svelte.ts; router.setQuery to keep state in
//   the URL).
// - Sections get an id `view-<input id>-<key>` so findings can link to them;
//   a finding's anchor.chart is passed as `focus` when the user follows it.
// - Playwright: tests/e2e/helpers.ts has dropFiles(page, paths) and
//   openExample(page).

import type { InputReport, Report, ReportKey } from '../../report/schema';
import type { SessionView, ViewProps, ViewTable } from './types';
import GcView from './gc/GcView.svelte';
import WhatifView from './whatif/WhatifView.svelte';
import ConfigView from './config/ConfigView.svelte';
import SchedView from './sched/SchedView.svelte';
import PacerView from './pacer/PacerView.svelte';
import ScavengerView from './scavenger/ScavengerView.svelte';
import InitView from './init/InitView.svelte';
import TimelineView from './timeline/TimelineView.svelte';
import { timelinePair } from './timeline/pair';
import WizardLink from './wizard/WizardLink.svelte';
import GoroutinesView from './goroutines/GoroutinesView.svelte';
import GrowthView from './goroutines/GrowthView.svelte';
import MetricsView from './metrics/MetricsView.svelte';
import MetricsOverTime from './metrics/MetricsOverTime.svelte';
import { scrapesOverTime } from './metrics/overTime';
import TraceView from './trace/TraceView.svelte';
import ProfileView from './pprof/ProfileView.svelte';
import DiffView from './pprof/DiffView.svelte';
import { comparableProfiles } from './pprof/pairs';

export const VIEW_TABLE: ViewTable = {
  gc: { title: 'Garbage collector', component: GcView, order: 10 },
  whatif: { title: 'What if: GOGC and GOMEMLIMIT (GC model)', component: WhatifView, order: 11 },
  sched: { title: 'Scheduler (schedtrace)', component: SchedView, order: 20 },
  pacer: { title: 'GC pacer (gcpacertrace)', component: PacerView, order: 22 },
  scavenger: { title: 'Scavenger (scavtrace)', component: ScavengerView, order: 24 },
  init: { title: 'Package init (inittrace)', component: InitView, order: 26 },
  config: { title: 'Config lint', component: ConfigView, order: 80 },
  goroutines: { title: 'Goroutines', component: GoroutinesView, order: 30 },
  metrics: { title: 'Runtime metrics', component: MetricsView, order: 35 },
  trace: { title: 'Execution trace', component: TraceView, order: 12 },
  profile: { title: 'Profile (pprof)', component: ProfileView, order: 15 },
};

/** The per-input views in page order (key, title, order). */
export const VIEWS = (Object.keys(VIEW_TABLE) as ReportKey[])
  .map((key) => ({ key, title: VIEW_TABLE[key].title, order: VIEW_TABLE[key].order }))
  .sort((a, b) => a.order - b.order);

/** The view of analysis `key` bound to an input that has it, or undefined. The key ties the component to its analysis's type. */
export function viewOf<K extends ReportKey>(key: K, input: InputReport, report: Report) {
  const analysis = input[key];
  if (analysis === undefined) return undefined;
  const { title, component } = VIEW_TABLE[key];
  const props: ViewProps<K> = { input, report, analysis };
  return { key, title, component, props };
}

/** The views an input shows, in page order, each bound to its analysis. */
export const viewsOf = (input: InputReport, report: Report) => VIEWS.flatMap((v) => viewOf(v.key, input, report) ?? []);

export const SESSION_VIEWS: SessionView[] = [
  { id: 'godebug-timeline', title: 'GC and scheduler on one timeline', applies: (r) => timelinePair(r) !== undefined, component: TimelineView, order: 10 },
  { id: 'wizard', title: 'Tune the container', applies: () => true, component: WizardLink, order: 90 },
  { id: 'goroutine-growth', title: 'Goroutine growth', applies: (r) => r.inputs.filter((i) => i.goroutines).length >= 2, component: GrowthView, order: 20 },
  { id: 'metrics-over-time', title: 'Metrics over time', applies: (r) => scrapesOverTime(r) !== undefined, component: MetricsOverTime, order: 25 },
  { id: 'profile-diff', title: 'Compare profiles', applies: (r) => comparableProfiles(r.inputs).length >= 2, component: DiffView, order: 15 },
];
