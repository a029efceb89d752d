// The classes a chunk's analyses are made of, for sending a chunk read in one
// thread to the thread that joins the chunks (../../lib/classTransfer.ts).

import type { ClassTable } from '../../lib/classTransfer';
import { F64Series, I32Series, U32Series } from '../../lib/series';
import { DecimatedSeries } from '../../lib/decimatedSeries';
import { Vec } from '../../lib/columns';
import { ByteIdMap, IdMap } from '../../formats/gotrace/idmap';
import { BoundedRanks } from '../boundedRanks';
import { CarryLog } from './chunkCarry';
import { TraceCollector } from './collect';
import { CpuSamples } from './cpuSamples';
import { Utilization, UtilSeries } from './mmu';
import { UtilLog } from './utilLog';
import { WorkerStacks } from './workerStacks';
import { CoarseLane } from './coarseLane';
import { Lane, SpanStore } from './spanStore';
import { UserLane, UserSpans } from './userSpans';
import { InternTable } from './reintern';

export const TRACE_CHUNK_CLASSES: ClassTable = {
  TraceCollector,
  Utilization,
  UtilSeries,
  UtilLog,
  WorkerStacks,
  CarryLog,
  CpuSamples,
  SpanStore,
  Lane,
  CoarseLane,
  UserSpans,
  UserLane,
  InternTable,
  BoundedRanks,
  DecimatedSeries,
  F64Series,
  I32Series,
  U32Series,
  Vec,
  IdMap,
  ByteIdMap,
};
