// Go code: a file for package main that logs the effective runtime limits at
// start, sets the memory limit only as a fallback when the env var is absent,
// and says whether automaxprocs / automemlimit still help or should go.

import type { Plan } from '../plan';
import { SRC } from '../../rules/sources';
import type { EmittedBlock, EmittedLine, Why } from '../types';

export function emitGoCode(plan: Plan): EmittedBlock {
  const s = plan.settings;
  const lines: EmittedLine[] = [];
  const add = (text: string, why?: Why) => lines.push(why ? { text, why } : { text });
  const gml = plan.gomemlimit;

  const fileWhy: Why = {
    text: 'A file for package main; add it next to main.go. It only uses the standard library.',
    evidence: [`Go ${s.goVersion || '?'}, go.mod go ${s.goModVersion || '?'}`],
    sources: [SRC.setMemoryLimit, SRC.runtimeGOMAXPROCS],
  };
  add(`// runtime_limits.go — gotune, Go ${s.goVersion || '?'}, go.mod go ${s.goModVersion || '?'}.`, fileWhy);
  add('package main', fileWhy);
  add('');
  // debug.SetMemoryLimit exists from Go 1.19: before it the file must not mention it (nor import runtime/debug unused).
  const hasSetMemoryLimit = plan.goMinor === null || plan.goMinor >= 19;
  for (const l of ['import (', '\t"log"', '\t"os"', '\t"runtime"', ...(hasSetMemoryLimit ? ['\t"runtime/debug"'] : []), ')']) add(l, fileWhy);
  add('');

  const procsWhy = plan.gomaxprocs.why;
  if (plan.gomaxprocs.mode === 'runtime') {
    add('// GOMAXPROCS: nothing to do; Go follows the CPU limit.', procsWhy);
    add('// Remove go.uber.org/automaxprocs if the module imports it: its', procsWhy);
    add('// runtime.GOMAXPROCS call stops the runtime tracking the limit.', procsWhy);
  } else if (plan.gomaxprocs.mode === 'downward') {
    add(`// GOMAXPROCS comes from the Helm values (limits.cpu → ${plan.gomaxprocs.expected}).`, procsWhy);
    add('// Alternative: import _ "go.uber.org/automaxprocs" (rounds down,', procsWhy);
    add('// minimum 1). Remove it once Go and go.mod are both 1.25+.', procsWhy);
  } else {
    add('// GOMAXPROCS: no CPU limit, so Go uses the node\'s CPU count.', procsWhy);
  }
  add('');

  const memWhy: Why = !hasSetMemoryLimit
    ? {
        text: `Go ${s.goVersion} has no soft memory limit (GOMEMLIMIT and debug.SetMemoryLimit arrived in Go 1.19), so this file does not set one: upgrade the toolchain to use it.`,
        evidence: [`Go version ${s.goVersion}`],
        sources: [SRC.go119, SRC.setMemoryLimit],
      }
    : gml
    ? {
        text: `Fallback only: prefer GOMEMLIMIT from the deployment (it follows the limit of each environment). debug.SetMemoryLimit overrides the env var, so this runs only when GOMEMLIMIT is unset. A limit of 0 does not disable it (the GC would run nearly continuously); math.MaxInt64 does. Alternative: import _ "github.com/KimMachineGun/automemlimit" (0.9 × the cgroup limit${s.cgo ? '; set AUTOMEMLIMIT=0.85 for cgo' : ''}); it does nothing when GOMEMLIMIT is set.`,
        evidence: gml.why.evidence,
        sources: [SRC.setMemoryLimit, SRC.automemlimit, SRC.gcGuideSuggestedUses],
      }
    : {
        text: 'No memory limit was given, so there is no memory limit to set. Go does not read the container memory limit on its own.',
        evidence: ['memory limit: not set'],
        sources: [SRC.setMemoryLimit, SRC.memLimitProposal],
      };
  add('func init() {', { text: 'Runs before main, so the limits are in place before the service allocates.', evidence: [], sources: [SRC.setMemoryLimit] });
  if (!hasSetMemoryLimit) {
    add('\t// No soft memory limit before Go 1.19.', memWhy);
  } else if (gml) {
    const mib = gml.text.endsWith('MiB') ? `${gml.text.slice(0, -3)} << 20` : String(gml.bytes);
    add('\tif os.Getenv("GOMEMLIMIT") == "" {', memWhy);
    add(`\t\tdebug.SetMemoryLimit(${mib}) // ${gml.text} = ${gml.bytes} bytes`, memWhy);
    add('\t}', memWhy);
  } else {
    add('\t// No memory limit: debug.SetMemoryLimit is not called.', memWhy);
  }
  const logWhy: Why = {
    text: 'Log the values the runtime actually uses, once at start: SetMemoryLimit with a negative value only reads the limit; GOMAXPROCS(0) only reads it. Compare them with the limits of the pod.',
    evidence: [
      plan.gomaxprocs.expected !== null ? `expected GOMAXPROCS: ${plan.gomaxprocs.expected}` : 'expected GOMAXPROCS: the node CPU count',
      gml ? `expected memory limit: ${gml.bytes} bytes` : 'expected memory limit: 9223372036854775807 (none)',
    ],
    sources: [SRC.setMemoryLimit, SRC.runtimeGOMAXPROCS],
  };
  if (hasSetMemoryLimit) {
    add('\tlog.Printf("runtime: GOMAXPROCS=%d GOMEMLIMIT=%d bytes GOGC=%q",', logWhy);
    add('\t\truntime.GOMAXPROCS(0), debug.SetMemoryLimit(-1), os.Getenv("GOGC"))', logWhy);
  } else {
    add('\tlog.Printf("runtime: GOMAXPROCS=%d GOGC=%q", runtime.GOMAXPROCS(0), os.Getenv("GOGC"))', logWhy);
  }
  add('}', logWhy);
  return { id: 'go', title: 'Go code', filename: 'runtime_limits.go', language: 'go', text: lines.map((l) => l.text).join('\n') + '\n', lines };
}
