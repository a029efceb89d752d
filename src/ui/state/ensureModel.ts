// Make sure the worker holds the parsed model of an input, re-reading the
// stored original bytes when it does not (after reopening a saved session, or
// after Cancel restarted the worker). Views that need raw data call this first.
// A view of a model derived from the input (`wanted`, e.g. a trace's CPU
// profile) is served from what the session stored for it when it can, so the
// input is not read again.

import type { InputReport } from '../../report/schema';
import { workerClient } from '../workerClient';
import { session } from './session.svelte';
import { LINK_ID_PREFIX } from '../../report/permalink/share';
import { traceCpuProfileId } from '../../analysis/gotrace/cpuProfileId';

export async function ensureModel(input: InputReport, wanted: string = input.id): Promise<void> {
  const client = workerClient();
  const loaded = await client.api.loaded();
  if (loaded.includes(input.id) || loaded.includes(wanted)) return;
  const cpu = session.cpuTablesOf(input.id);
  if (cpu !== undefined && wanted === traceCpuProfileId(input.id)) {
    // Damaged tables are not fatal: the trace is read again below.
    if (await client.api.restoreTraceCpu(input.id, cpu).catch(() => false)) return;
  }
  const blob = session.blobOf(input.id);
  if (!blob && input.id.startsWith(LINK_ID_PREFIX)) {
    // A report opened from a shared link (see permalink/share linkScoped): it never had the file.
    throw new Error(`a shared link carries the report's figures and top functions, not the file itself; drop ${input.name} on this page for the flame graph, filters and tables`);
  }
  if (!blob) {
    const why = session.rawDropped(input.id);
    throw new Error(`the original file is not stored with this session${why ? ` (${why})` : ''}; drop ${input.name} again to see this view`);
  }
  const r = await client.analyze(input.id, input.name, blob, () => {});
  if (r.error) throw new Error(r.error);
}
