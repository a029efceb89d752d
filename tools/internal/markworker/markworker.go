// Package markworker tells the runtime's background mark workers from the
// program's goroutines by their own stacks, as gotune does
// (src/analysis/gotrace/workerStacks.ts).
//
// The tracer labels whatever goroutine starts on a P whose mark-worker mode
// is set (runtime/traceruntime.go GoStart), and Go 1.26-1.27 can leave that
// mode set after handing back a worker the P never ran
// (runtime/mgcpacer.go releaseNextGCMarkWorker), so program goroutines get
// "GC (…)" labels too. Every worker runs runtime.gcBgMarkWorker, its entry
// function (runtime/mgc.go gcBgMarkStartWorkers); no other goroutine does.
package markworker

import "golang.org/x/exp/trace"

// Verdict is what a goroutine's own stack says of it.
type Verdict int

const (
	Unknown Verdict = iota
	Worker
	NotWorker
)

// Of reads a goroutine's own stack (StateTransition.Stack: its start stack at
// GoCreate, where it stops, blocks or enters a syscall, or a GoStatusStack).
// A stack with a frame the trace does not name tells nothing (Go 1.23 writes
// a preempted worker's stack as the one PC 0).
func Of(s trace.Stack) Verdict {
	if s == trace.NoStack {
		return Unknown
	}
	v := NotWorker
	n := 0
	for f := range s.Frames() {
		n++
		if f.Func == "runtime.gcBgMarkWorker" {
			return Worker
		}
		if f.Func == "" {
			v = Unknown
		}
	}
	if n == 0 {
		return Unknown
	}
	return v
}

// ProgramRun says whether a goroutine leaving running ends a run of the
// program's code: it ends, or its stack there shows it is not a worker.
func ProgramRun(st trace.StateTransition) bool {
	_, to := st.Goroutine()
	return to == trace.GoNotExist || Of(st.Stack) == NotWorker
}
