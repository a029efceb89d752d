// Builds a columnar PprofProfile from Go's legacy debug=1 texts. Frames come
// from the "#\t0xpc\tfunc+0xoff\tfile:line" lines when the record has them
// (richer than pprof's own legacy reader, which keeps only addresses); records
// without symbol lines keep their addresses (moved back by 1, as pprof does).

import type { PprofProfile, PprofSource, ValueType } from '../pprof/model';
import { f64, i32, u32 } from '../../lib/columns';

export interface TextFrame {
  pc: number;
  func: string;
  file: string;
  line: number;
}

export class ProfileBuilder {
  private strings: string[] = [''];
  private stringIndex = new Map<string, number>([['', 0]]);
  private funcIndex = new Map<string, number>();
  private locIndex = new Map<string, number>();
  private funcName = u32();
  private funcFile = u32();
  private locAddrLo = u32();
  private locAddrHi = u32();
  private locLineStart = u32();
  private lineFunc = i32();
  private lineLine = f64();
  private stackStart = u32();
  private stackLocs = u32();
  private values = f64();
  private labelStart = u32();
  private labelKey = u32();
  private labelStr = u32();
  private labelNum = f64();
  private labelUnit = u32();
  numSamples = 0;

  constructor(
    private readonly source: PprofSource,
    private readonly sampleTypes: ValueType[],
  ) {
    this.locLineStart.push(0);
    this.stackStart.push(0);
    this.labelStart.push(0);
  }

  str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.stringIndex.set(s, i);
    }
    return i;
  }

  private location(key: string, addr: number, frame: TextFrame | null): number {
    let l = this.locIndex.get(key);
    if (l !== undefined) return l;
    l = this.locAddrLo.n;
    this.locIndex.set(key, l);
    this.locAddrLo.push(addr % 4294967296);
    this.locAddrHi.push(Math.floor(addr / 4294967296));
    if (frame) {
      let f = this.funcIndex.get(frame.func + '\0' + frame.file);
      if (f === undefined) {
        f = this.funcName.n;
        this.funcIndex.set(frame.func + '\0' + frame.file, f);
        this.funcName.push(this.str(frame.func));
        this.funcFile.push(this.str(frame.file));
      }
      this.lineFunc.push(f);
      this.lineLine.push(frame.line);
    }
    this.locLineStart.push(this.lineFunc.n);
    return l;
  }

  /** Adds one sample: symbolized frames (leaf first) when there are any, else raw return addresses. */
  addSample(values: number[], frames: TextFrame[], addrs: number[], labels: [string, string][] = [], numLabels: [string, number, string][] = []): void {
    if (frames.length) {
      for (const fr of frames) this.stackLocs.push(this.location(`${fr.pc}\0${fr.func}\0${fr.line}`, fr.pc, fr));
    } else {
      for (const a of addrs) {
        if (a === 0) continue;
        this.stackLocs.push(this.location(`${a - 1}`, a - 1, null));
      }
    }
    this.stackStart.push(this.stackLocs.n);
    for (const v of values) this.values.push(v);
    for (const [k, v] of labels) {
      this.labelKey.push(this.str(k));
      this.labelStr.push(this.str(v));
      this.labelNum.push(0);
      this.labelUnit.push(0);
    }
    for (const [k, n, unit] of numLabels) {
      this.labelKey.push(this.str(k));
      this.labelStr.push(0);
      this.labelNum.push(n);
      this.labelUnit.push(this.str(unit));
    }
    this.labelStart.push(this.labelKey.n);
    this.numSamples++;
  }

  build(h: { periodType: ValueType | null; period: number; durationNanos?: number; comments?: string[]; defaultSampleType?: string }): PprofProfile {
    const nloc = this.locAddrLo.n;
    const nf = this.funcName.n;
    const nl = this.lineFunc.n;
    return {
      source: this.source,
      strings: this.strings,
      sampleTypes: this.sampleTypes,
      defaultSampleType: h.defaultSampleType ?? '',
      periodType: h.periodType,
      period: h.period,
      timeNanos: 0,
      durationNanos: h.durationNanos ?? 0,
      comments: h.comments ?? [],
      dropFrames: '',
      keepFrames: '',
      docUrl: '',
      numSamples: this.numSamples,
      values: this.values.done(),
      stackStart: this.stackStart.done(),
      stackLocs: this.stackLocs.done(),
      labelStart: this.labelStart.done(),
      labelKey: this.labelKey.done(),
      labelStr: this.labelStr.done(),
      labelNum: this.labelNum.done(),
      labelUnit: this.labelUnit.done(),
      numLocations: nloc,
      locId: Float64Array.from({ length: nloc }, (_, i) => i + 1),
      locMapping: new Int32Array(nloc).fill(-1),
      locAddrLo: this.locAddrLo.done(),
      locAddrHi: this.locAddrHi.done(),
      locFolded: new Uint8Array(nloc),
      locLineStart: this.locLineStart.done(),
      lineFunc: this.lineFunc.done(),
      lineLine: this.lineLine.done(),
      lineColumn: new Float64Array(nl),
      numFunctions: nf,
      funcId: Float64Array.from({ length: nf }, (_, i) => i + 1),
      funcName: this.funcName.done(),
      funcSystemName: this.funcName.done(),
      funcFile: this.funcFile.done(),
      funcStartLine: new Float64Array(nf),
      mappings: [],
    };
  }
}
