// GOMAXPROCS above the CPU the process gets: more Ps than cores means runnable
// goroutines sit on Ps that wait for the kernel, stop-the-world phases wait for
// descheduled threads, and the GC's 25% target is a share of Ps, not of CPU.

import type { Facts } from '../facts';
import { cause, coresText, ev, type CauseRule } from './rule';

export const gomaxprocsAboveCpu: CauseRule = {
  id: 'gomaxprocs-above-cpu',
  evaluate(f: Facts) {
    const g = f.gomaxprocs;
    if (!g) return null;
    const G = g.value;
    const L = f.cpuLimit?.value;
    const C = f.coresUsed?.value;
    const B = f.busyPs?.value;
    const pro = [];
    const con = [];
    let conf = 0;
    const aboveLimit = L !== undefined && G >= L + 1 && G >= 1.5 * L;
    if (aboveLimit) {
      conf += 0.4;
      pro.push(ev(g, `GOMAXPROCS ${G}, from ${g.what}`), ev(f.cpuLimit, `CPU limit ${coresText(L!)}`));
    }
    // Busy Ps well above the cores really used: the Ps wait for CPU.
    const starved = B !== undefined && C !== undefined && B >= 2 * C && B >= C + (aboveLimit ? 1 : 2);
    if (starved) {
      conf += 0.45;
      pro.push(ev(f.busyPs, `${B!.toFixed(1)} of ${G} Ps busy on average`), ev(f.coresUsed, `but only ${coresText(C!)} used`));
    } else if (C !== undefined && B === undefined && G >= 2 * C + 2) {
      // Without busy-P figures, few cores used is only suspicious when the runtime also waits for CPU.
      const gcp = f.gctrace?.gc;
      const lat = f.trace?.t.schedLatency.p99Ns;
      const waits = (gcp && gcp.pauseMs.p99 >= 5) || (lat != null && lat >= 10e6);
      if (aboveLimit || waits) {
        conf += aboveLimit ? 0.15 : 0.5;
        pro.push(ev(f.coresUsed, `${coresText(C)} used for GOMAXPROCS ${G}`));
      }
    }
    if (conf === 0 && B !== undefined && C === undefined && L === undefined && G >= 4 && B >= 0.75 * G) {
      // Every P busy but nothing says how much CPU they got: a candidate to check, not a verdict.
      conf += 0.25;
      pro.push(ev(f.busyPs, `${B.toFixed(1)} of ${G} Ps busy on average; a CPU profile or the CPU limit would show whether they get that much CPU`));
    }
    if (conf === 0) return null;
    const gc = f.gctrace?.gc;
    const lat = f.trace?.t.schedLatency.p99Ns;
    if (gc && gc.pauseMs.p99 >= 5) {
      conf += 0.1;
      pro.push(ev(f.gctrace, `stop-the-world pauses p99 ${gc.pauseMs.p99.toFixed(1)} ms (threads holding Ps are descheduled)`, { analysis: 'gc', chart: 'pauses' }));
    } else if (f.trace && lat != null && lat >= 10e6) {
      conf += 0.1;
      pro.push(ev({ src: f.trace.src, anchor: { analysis: 'trace' } }, `1 in 100 waits of a runnable goroutine for a P took ${(lat / 1e6).toFixed(0)} ms or more (p99)`));
    }
    if (B !== undefined && B < 0.5 * G) {
      conf -= 0.3;
      con.push(ev(f.busyPs, `most Ps are idle (${B.toFixed(1)} of ${G} busy): the extra Ps cost little here`));
    }
    if (f.gcShare && gc && conf >= 0.4) pro.push(ev(f.gcShare, `gctrace's GC CPU % is a share of ${G} Ps; as a share of the CPU used it is ${(f.gcShare.value * 100).toFixed(1)}%`));
    // Every P busy and nothing saying how much CPU they get: what to check, not a number made up for it.
    if (L === undefined && C === undefined)
      return cause({
        id: 'gomaxprocs-above-cpu',
        title: `Every one of the ${G} Ps is busy: GOMAXPROCS may be above the CPU this process gets`,
        confidence: conf,
        summary: `GOMAXPROCS is ${G} and nearly every P is busy, but nothing in this session says how much CPU the process gets. If it gets fewer cores than ${G}, Ps wait for the kernel to run their threads, which stretches stop-the-world pauses and scheduling delays.`,
        change: `Check the CPU the process gets (a CPU profile, repeated /metrics scrapes, or the container's CPU limit); if it is below ${G} cores, set GOMAXPROCS to it.`,
        evidenceFor: pro,
        evidenceAgainst: con,
      });
    const target = Math.max(1, Math.ceil(L ?? C!));
    const gets = [L !== undefined ? `a CPU limit of ${coresText(L)}` : '', C !== undefined ? `${coresText(C)} of CPU in use` : ''].filter(Boolean).join(' and ');
    return cause({
      id: 'gomaxprocs-above-cpu',
      title: `GOMAXPROCS (${G}) is above the CPU this process gets`,
      confidence: conf,
      summary: `GOMAXPROCS is ${G} but the process gets ${gets}: Ps wait for the kernel to run their threads, which stretches stop-the-world pauses and scheduling delays.`,
      change: `Set GOMAXPROCS=${target}${L !== undefined ? ' (the CPU limit, rounded up)' : ' (the cores used, rounded up)'}${
        L === undefined
          ? ', or give the container a CPU limit'
          : target >= 2
            ? '; on Go 1.25+ (go.mod go 1.25+) removing the GOMAXPROCS override does the same: the runtime follows the CPU limit'
            : '; Go 1.25+ alone would pick 2 for this limit (it never goes below 2), so set it explicitly'
      }.`,
      evidenceFor: pro,
      evidenceAgainst: con,
    });
  },
};
