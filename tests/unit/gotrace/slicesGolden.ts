// The shape of tools/traceslices' goldens (tests/fixtures/gotrace/*.slices.json), read by the
// timeline's unit tests and its e2e test.

export interface SlicesGolden {
  firstTime: number;
  lastTime: number;
  slices: number;
  byKind: Record<string, number>;
  perP: Record<string, number>;
  perM: Record<string, number>;
  regions: Record<string, number>;
  tasks: Record<string, number>;
  windows: {
    why: string;
    t0: number;
    t1: number;
    perP: Record<string, number>;
    perM: Record<string, number>;
    regions: number;
    tasks: number;
    first: Record<string, { start: number; end: number; g: number; top: string; startTop: string }>;
    stats: { cpuNs: number; gcWorkerNs: number; gcNs: number; stws: number; stwNs: number; goroutines: number; topByCpu: { g: number; ns: number }[] };
  }[];
}
