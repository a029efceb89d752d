// The binding table: every input kind gotune understands, each tying its
// parser (src/formats) to its analyses (src/analysis). A new kind adds its
// parser folder, its analysis folder, one entry here and one view
// (src/ui/views/registry.ts); sniffing, the worker, the CLI and the report
// pick it up from this list. Order matters only for sniffing ties.

import type { SniffSample } from '../formats/types';
import { sniffFormat } from '../formats/sniff';
import { configKind } from './config';
import { godebugKind } from './godebug';
import { goroutinesKind } from './goroutines';
import { gotraceKind } from './gotrace';
import type { Kind } from './kind';
import { expvarKind, prometheusKind } from './metrics';
import { pprofKind, pprofTextKinds } from './pprof';

export const KINDS: readonly Kind[] = [godebugKind, configKind, goroutinesKind, prometheusKind, expvarKind, pprofKind, ...pprofTextKinds, gotraceKind];

/** The formats of the table, in its order. */
export const FORMATS = KINDS.map((k) => k.format);

/** The labels of the kinds, for the "not recognised" message and the start page. */
export function supportedKinds(): string[] {
  return KINDS.map((k) => k.format.label);
}

/** The kind whose format best matches the sample, or undefined. */
export function sniffKind(sample: SniffSample): Kind | undefined {
  const f = sniffFormat(sample, FORMATS);
  return f && KINDS.find((k) => k.format === f);
}

/** The kind with this report `kind` id. */
export function kindNamed(kind: string): Kind | undefined {
  return KINDS.find((k) => k.format.kind === kind);
}
