// Command tracegolden reads a Go execution trace with golang.org/x/exp/trace
// (the Go team's reader) and writes the figures gotune's TypeScript reader
// and analyses must reproduce exactly:
//
//   - event count (every event the reader returns, Sync events included),
//     and counts per event kind;
//   - GC cycles ("GC concurrent mark phase" ranges) and every stop-the-world
//     range with its reason, in ns on the trace clock;
//   - HeapAlloc / HeapGoal / GOMAXPROCS metric samples;
//   - goroutines per generation (distinct goroutines with a state
//     transition in the generation, and goroutines alive at its end);
//   - minimum mutator utilization at 1 ms, 10 ms, 100 ms and 1 s windows with
//     go tool trace's default MMU flags (STW + background workers + assists,
//     system-wide, not per-P), following internal/trace's
//     MutatorUtilizationV2 semantics with its double count of mark workers
//     removed ("mmu": a worker is counted at its GoStart, gc.go:223, and again
//     at the "GC (…)" label that follows every start, gc.go:241-242; here the
//     label counts only a run its GoStart did not count; and a goroutine whose
//     own stack does not run runtime.gcBgMarkWorker is no worker, though the
//     runtime labelled it: see tools/internal/markworker), and exactly as Go computes it
//     ("mmuGoToolTrace"); the MMU itself is computed exactly by evaluating
//     every window whose edge touches a utilization change point;
//   - GC CPU: stop-the-worlds × GOMAXPROCS, assists, and mark workers' runs
//     from their "GC (dedicated|fractional)" label to their next stop, not
//     counting a run whose stop shows a goroutine that is no worker;
//   - forced GC cycles: GC-begin events whose stack holds runtime.GC (gctrace
//     prints "(forced)" for exactly these: gcTriggerCycle).
//
// Traces from Go 1.11–1.21 (the v1 format) are read too: x/exp/trace
// converts them to the v2 event model (one generation, synthetic GoStatus
// events for goroutines that existed at the start), and gotune's v1 reader
// must produce the same event stream.
//
// Usage: go run ./tracegolden -o out.golden.json file.trace
// With -bench it only reads every event and prints timing (for bench/gotrace.ts).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"golang.org/x/exp/trace"

	"gotune/tools/internal/markworker"
)

type span struct {
	Start  int64  `json:"start"`
	End    int64  `json:"end"`
	Reason string `json:"reason,omitempty"`
}

type latencySummary struct {
	Count int   `json:"count"`
	P50   int64 `json:"p50"`
	P90   int64 `json:"p90"`
	P99   int64 `json:"p99"`
	Max   int64 `json:"max"`
	Total int64 `json:"total"`
}

func summarize(v []int64) latencySummary {
	s := latencySummary{Count: len(v)}
	if len(v) == 0 {
		return s
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	rank := func(q float64) int64 {
		r := int(math.Ceil(q * float64(len(v))))
		if r < 1 {
			r = 1
		}
		return v[r-1]
	}
	s.P50, s.P90, s.P99, s.Max = rank(0.5), rank(0.9), rank(0.99), v[len(v)-1]
	for _, x := range v {
		s.Total += x
	}
	return s
}

// digest summarises a long series exactly without storing it whole:
// count, a polynomial hash over every (time-firstTime, value) pair mod
// 2^31-1, and every Every-th sample in full.
type digest struct {
	Count   int        `json:"count"`
	Hash    int64      `json:"hash"`
	Every   int        `json:"every"`
	Samples [][2]int64 `json:"samples"`
}

const hashMod = 2147483647

func (d *digest) add(t, first, v int64) {
	d.Hash = (d.Hash*31 + (t-first)%hashMod) % hashMod
	d.Hash = (d.Hash*31 + v%hashMod) % hashMod
	if d.Count%d.Every == 0 {
		d.Samples = append(d.Samples, [2]int64{t, v})
	}
	d.Count++
}

type generation struct {
	// Goroutines with at least one state transition in this generation.
	Seen int `json:"seen"`
	// Goroutines that exist when the generation's events end.
	Alive int `json:"alive"`
	// Events in this generation (after its Sync, Sync included).
	Events int `json:"events"`
}

type golden struct {
	Tool        string             `json:"tool"`
	Header      string             `json:"header"`
	Events      int                `json:"events"`
	ByKind      map[string]int     `json:"byKind"`
	FirstTime   int64              `json:"firstTime"`
	LastTime    int64              `json:"lastTime"`
	Generations []generation       `json:"generations"`
	GCCycles    []span             `json:"gcCycles"`
	STW         []span             `json:"stw"`
	HeapAlloc   digest             `json:"heapAlloc"`
	HeapGoal    [][2]int64         `json:"heapGoal"`
	Gomaxprocs  [][2]int64         `json:"gomaxprocs"`
	MMU         map[string]float64 `json:"mmu"`
	// MMU as go tool trace computes it (mark workers counted twice per run).
	MMUGoToolTrace map[string]float64 `json:"mmuGoToolTrace"`
	// GC cycles whose GC-begin stack holds runtime.GC (gctrace's "(forced)").
	ForcedGC int `json:"forcedGC"`
	// Runnable → running delays (ns), nearest-rank percentiles.
	SchedLatency latencySummary `json:"schedLatency"`
	// Time goroutines spent waiting (by GoBlock reason, until unblocked) and in syscalls, ns.
	BlockedByReason map[string]int64 `json:"blockedByReason"`
	CPUSamples      int              `json:"cpuSamples"`
	// GC CPU time, ns: GC stop-the-worlds × GOMAXPROCS, dedicated/fractional
	// mark workers while they run, and mark assists while their goroutine runs.
	GCCPU struct {
		STWProcs int64 `json:"stwProcs"`
		Workers  int64 `json:"workers"`
		Assists  int64 `json:"assists"`
	} `json:"gcCpu"`
	// Goroutines labelled "GC (dedicated|fractional)" at least once whose own
	// stack shows they are no mark worker (markworker.Of), and those that are.
	LabelledNotWorkers int `json:"labelledNotWorkers"`
	LabelledWorkers    int `json:"labelledWorkers"`
	// Times go tool trace's MMU computation would index its P table with no
	// P (and panic: internal/trace/gc.go:226, index out of range [-1]).
	GoToolTraceNoProc int            `json:"goToolTraceNoProc"`
	Regions           map[string]int `json:"regions"`
	UtilPoints        int            `json:"utilPoints"`
	Error             string         `json:"error,omitempty"`
}

func main() {
	out := flag.String("o", "", "output JSON file (default stdout)")
	bench := flag.Bool("bench", false, "only read all events and print throughput")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: tracegolden [-o out.json] [-bench] file.trace")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	hdr := make([]byte, 16)
	if _, err := io.ReadFull(f, hdr); err != nil {
		log.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		log.Fatal(err)
	}
	if *bench {
		runBench(f)
		return
	}
	g := read(bufio.NewReaderSize(f, 1<<20))
	g.Header = strings.TrimRight(string(hdr), "\x00")
	b, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	b = append(b, '\n')
	if *out == "" {
		os.Stdout.Write(b)
	} else if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func runBench(f *os.File) {
	st, _ := f.Stat()
	c0 := cpuSeconds()
	t0 := time.Now()
	r, err := trace.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for {
		_, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	d := time.Since(t0)
	cpu := cpuSeconds() - c0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf(`{"events":%d,"seconds":%g,"cpuSeconds":%g,"bytes":%d,"sysBytes":%d}`+"\n", n, d.Seconds(), cpu, st.Size(), ms.Sys)
}

// utilization is internal/trace's MutatorUtilizationV2 for flags
// UtilSTW|UtilBackground|UtilAssist without UtilPerProc, fed one event at a time.
type utilization struct {
	// goToolTrace keeps Go's double count of mark workers, and its rule that
	// a goroutine labelled "GC (…)" once is a mark worker for good.
	goToolTrace bool
	// Ours: what each goroutine's first own stack said (markworker.Of), and
	// the goroutines whose current run is counted as a mark worker's.
	verdict map[trace.GoID]markworker.Verdict
	oursRun map[trace.GoID]bool
	out     []utilPoint
	stw     int
	ps      []int // gc counter per P
	procs   []procsCount
	inGC    map[trace.GoID]bool
	bgMark  map[trace.GoID]bool
	states  map[trace.GoID]trace.GoState
	nSync   int
	noProc  int
	lastT   int64
	hasLast bool
}

type utilPoint struct {
	t int64
	u float64
}

type procsCount struct {
	t int64
	n int
}

func isGCSTW(name string) bool {
	return strings.HasPrefix(name, "stop-the-world") && strings.Contains(name, "GC")
}

// bump changes the GC count of the event's P. internal/trace's gc.go indexes
// its P table with ev.Proc() unchecked, so go tool trace panics (index out
// of range [-1], gc.go:226) when a goroutine it counts leaves running
// without a P (a blocked system call returning, GoSyscallEndBlocked): here
// the change is dropped and counted in noProc.
func (u *utilization) bump(ev *trace.Event, d int) {
	p := int(ev.Proc())
	if p < 0 || p >= len(u.ps) {
		u.noProc++
		return
	}
	u.ps[p] += d
}

func (u *utilization) add(p utilPoint) {
	if n := len(u.out); n > 0 {
		last := &u.out[n-1]
		if p.u == last.u {
			return
		}
		if p.t == last.t {
			if p.u < last.u {
				*last = p
			}
			return
		}
	}
	u.out = append(u.out, p)
}

func (u *utilization) event(ev *trace.Event) {
	t := int64(ev.Time())
	u.lastT, u.hasLast = t, true
	switch ev.Kind() {
	case trace.EventSync:
		u.nSync = ev.Sync().N
	case trace.EventMetric:
		m := ev.Metric()
		if m.Name == "/sched/gomaxprocs:threads" {
			n := int(m.Value.Uint64())
			if len(u.ps) > n {
				u.ps = u.ps[:n]
			}
			for len(u.ps) < n {
				if len(u.out) == 0 {
					u.out = append(u.out, utilPoint{t, 1})
				}
				u.ps = append(u.ps, 0)
			}
			if len(u.procs) == 0 || u.procs[len(u.procs)-1].n != n {
				u.procs = append(u.procs, procsCount{t, n})
			}
		}
	}
	if len(u.ps) == 0 {
		return
	}
	switch ev.Kind() {
	case trace.EventRangeActive:
		if u.nSync > 1 {
			break
		}
		r := ev.Range()
		if r.Name == "GC mark assist" && u.states[ev.Goroutine()].Executing() {
			// Active since the start of the trace: take 1/GOMAXPROCS off
			// every earlier point.
			pi := 0
			for i := 0; i < len(u.out); {
				if pi < len(u.procs)-1 && u.procs[pi+1].t < u.out[i].t {
					pi++
					continue
				}
				u.out[i].u -= 1 / float64(u.procs[pi].n)
				if u.out[i].u < 0 {
					u.out[i].u = 0
				}
				i++
			}
		}
		u.rangeBegin(ev, r)
	case trace.EventRangeBegin:
		u.rangeBegin(ev, ev.Range())
	case trace.EventRangeEnd:
		r := ev.Range()
		if isGCSTW(r.Name) {
			u.stw--
		} else if r.Name == "GC mark assist" {
			u.bump(ev, -1)
			if g := r.Scope.Goroutine(); g != trace.NoGoroutine {
				delete(u.inGC, g)
			}
		}
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			break
		}
		from, to := st.Goroutine()
		g := st.Resource.Goroutine()
		if u.goToolTrace {
			if u.inGC[g] || u.bgMark[g] {
				if !from.Executing() && to.Executing() {
					u.bump(ev, 1)
				} else if from.Executing() && !to.Executing() {
					u.bump(ev, -1)
				}
			}
		} else {
			if u.verdict[g] == markworker.Unknown {
				u.verdict[g] = markworker.Of(st.Stack)
				if u.verdict[g] == markworker.NotWorker && u.oursRun[g] {
					// Counted since its label, but it is no worker: from now on not.
					u.bump(ev, -1)
					delete(u.oursRun, g)
				}
			}
			if !from.Executing() && to.Executing() {
				if u.inGC[g] {
					u.bump(ev, 1)
				}
				if u.bgMark[g] && u.verdict[g] != markworker.NotWorker {
					u.bump(ev, 1)
					u.oursRun[g] = true
				}
			} else if from.Executing() && !to.Executing() {
				if u.inGC[g] {
					u.bump(ev, -1)
				}
				if u.oursRun[g] {
					u.bump(ev, -1)
					delete(u.oursRun, g)
				}
			}
		}
		u.states[g] = to
	case trace.EventLabel:
		l := ev.Label()
		if strings.HasPrefix(l.Label, "GC ") && l.Label != "GC (idle)" {
			g := ev.Goroutine()
			u.bgMark[g] = true
			if u.goToolTrace {
				// Counted again, even when its GoStart counted this run.
				u.bump(ev, 1)
			} else if !u.oursRun[g] && u.verdict[g] != markworker.NotWorker {
				u.bump(ev, 1)
				u.oursRun[g] = true
			}
		}
	}
	gcPs := 0
	if u.stw > 0 {
		gcPs = len(u.ps)
	} else {
		for _, c := range u.ps {
			if c > 0 {
				gcPs++
			}
		}
	}
	u.add(utilPoint{t, 1 - float64(gcPs)/float64(len(u.ps))})
}

func (u *utilization) rangeBegin(ev *trace.Event, r trace.Range) {
	if isGCSTW(r.Name) {
		u.stw++
	} else if r.Name == "GC mark assist" {
		u.bump(ev, 1)
		if g := r.Scope.Goroutine(); g != trace.NoGoroutine {
			u.inGC[g] = true
		}
	}
}

func (u *utilization) finish() []utilPoint {
	if !u.hasLast || len(u.ps) == 0 {
		return u.out
	}
	u.add(utilPoint{u.lastT, 0})
	return u.out
}

// mmu is the minimum over all windows [a, a+w] inside the series of the
// mean utilization. The windowed mean is piecewise linear in a, so its
// minimum is reached when an edge sits on a change point: evaluate those.
func mmu(pts []utilPoint, w int64) float64 {
	if len(pts) < 2 {
		return 1
	}
	t0, t1 := pts[0].t, pts[len(pts)-1].t
	if w > t1-t0 {
		w = t1 - t0
	}
	if w <= 0 {
		return 0
	}
	// cum[i] = integral of utilization from t0 to pts[i].t.
	cum := make([]float64, len(pts))
	for i := 1; i < len(pts); i++ {
		cum[i] = cum[i-1] + pts[i-1].u*float64(pts[i].t-pts[i-1].t)
	}
	integral := func(t int64) float64 {
		i := sort.Search(len(pts), func(i int) bool { return pts[i].t > t }) - 1
		if i < 0 {
			return 0
		}
		return cum[i] + pts[i].u*float64(t-pts[i].t)
	}
	best := math.Inf(1)
	try := func(a int64) {
		if a < t0 {
			a = t0
		}
		if a+w > t1 {
			a = t1 - w
		}
		m := (integral(a+w) - integral(a)) / float64(w)
		if m < best {
			best = m
		}
	}
	for _, p := range pts {
		try(p.t)
		try(p.t - w)
	}
	if best < 0 {
		best = 0
	}
	return best
}

func read(r io.Reader) *golden {
	g := &golden{
		Tool:            "golang.org/x/exp/trace",
		ByKind:          map[string]int{},
		GCCycles:        []span{},
		STW:             []span{},
		HeapAlloc:       digest{Every: 500, Samples: [][2]int64{}},
		HeapGoal:        [][2]int64{},
		Gomaxprocs:      [][2]int64{},
		MMU:             map[string]float64{},
		MMUGoToolTrace:  map[string]float64{},
		BlockedByReason: map[string]int64{},
		Regions:         map[string]int{},
	}
	var latencies []int64
	runnableSince := map[trace.GoID]int64{}
	blockSince := map[trace.GoID]int64{}
	blockReason := map[trace.GoID]string{}
	syscallSince := map[trace.GoID]int64{}
	workerSince := map[trace.GoID]int64{}
	assistSince := map[trace.GoID]int64{} // -1 while the assisting goroutine is off CPU
	procs := int64(0)
	tr, err := trace.NewReader(r)
	if err != nil {
		g.Error = err.Error()
		return g
	}
	u := &utilization{inGC: map[trace.GoID]bool{}, bgMark: map[trace.GoID]bool{}, states: map[trace.GoID]trace.GoState{}, verdict: map[trace.GoID]markworker.Verdict{}, oursRun: map[trace.GoID]bool{}}
	ug := &utilization{goToolTrace: true, inGC: map[trace.GoID]bool{}, bgMark: map[trace.GoID]bool{}, states: map[trace.GoID]trace.GoState{}}
	openSTW := map[trace.GoID]int{}
	openGC := -1
	alive := map[trace.GoID]bool{}
	seen := map[trace.GoID]bool{}
	var cur *generation
	endGen := func() {
		if cur != nil {
			cur.Seen = len(seen)
			cur.Alive = len(alive)
			g.Generations = append(g.Generations, *cur)
		}
	}
	for {
		ev, err := tr.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			g.Error = err.Error()
			break
		}
		t := int64(ev.Time())
		if g.Events == 0 {
			g.FirstTime = t
		}
		g.LastTime = t
		g.Events++
		g.ByKind[ev.Kind().String()]++
		u.event(&ev)
		ug.event(&ev)
		if cur != nil {
			cur.Events++
		}
		switch ev.Kind() {
		case trace.EventSync:
			endGen()
			cur = &generation{Events: 1}
			seen = map[trace.GoID]bool{}
		case trace.EventMetric:
			m := ev.Metric()
			p := [2]int64{t, int64(m.Value.Uint64())}
			switch m.Name {
			case "/memory/classes/heap/objects:bytes":
				g.HeapAlloc.add(t, g.FirstTime, p[1])
			case "/gc/heap/goal:bytes":
				g.HeapGoal = append(g.HeapGoal, p)
			case "/sched/gomaxprocs:threads":
				g.Gomaxprocs = append(g.Gomaxprocs, p)
				procs = p[1]
			}
		case trace.EventRangeBegin, trace.EventRangeActive:
			r := ev.Range()
			if r.Name == "GC concurrent mark phase" {
				if openGC < 0 {
					g.GCCycles = append(g.GCCycles, span{Start: t, End: -1})
					openGC = len(g.GCCycles) - 1
				}
				if ev.Kind() == trace.EventRangeBegin {
					for f := range ev.Stack().Frames() {
						if f.Func == "runtime.GC" {
							g.ForcedGC++
							break
						}
					}
				}
			} else if r.Name == "GC mark assist" {
				if ev.Kind() == trace.EventRangeBegin {
					assistSince[r.Scope.Goroutine()] = t
				} else if _, ok := assistSince[r.Scope.Goroutine()]; !ok && len(g.Generations) <= 1 {
					assistSince[r.Scope.Goroutine()] = -1
				}
			} else if strings.HasPrefix(r.Name, "stop-the-world (") && ev.Kind() == trace.EventRangeBegin {
				reason := strings.TrimSuffix(strings.TrimPrefix(r.Name, "stop-the-world ("), ")")
				g.STW = append(g.STW, span{Start: t, End: -1, Reason: reason})
				openSTW[r.Scope.Goroutine()] = len(g.STW) - 1
			}
		case trace.EventRangeEnd:
			r := ev.Range()
			if r.Name == "GC concurrent mark phase" {
				if openGC >= 0 {
					g.GCCycles[openGC].End = t
					openGC = -1
				} else {
					// Began before the trace and no Active event told us.
					g.GCCycles = append(g.GCCycles, span{Start: -1, End: t})
				}
			} else if strings.HasPrefix(r.Name, "stop-the-world (") {
				if i, ok := openSTW[r.Scope.Goroutine()]; ok {
					g.STW[i].End = t
					delete(openSTW, r.Scope.Goroutine())
					if strings.Contains(g.STW[i].Reason, "GC") {
						g.GCCPU.STWProcs += (t - g.STW[i].Start) * procs
					}
				}
			} else if r.Name == "GC mark assist" {
				if s, ok := assistSince[r.Scope.Goroutine()]; ok {
					if s >= 0 {
						g.GCCPU.Assists += t - s
					}
					delete(assistSince, r.Scope.Goroutine())
				}
			}
		case trace.EventLabel:
			if l := ev.Label().Label; l == "GC (dedicated)" || l == "GC (fractional)" {
				workerSince[ev.Goroutine()] = t
			}
		case trace.EventStackSample:
			g.CPUSamples++
		case trace.EventRegionBegin:
			g.Regions[ev.Region().Type]++
		case trace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind == trace.ResourceGoroutine {
				id := st.Resource.Goroutine()
				from, to := st.Goroutine()
				if from != to {
					if s, ok := assistSince[id]; ok {
						if from == trace.GoRunning && s >= 0 {
							g.GCCPU.Assists += t - s
							assistSince[id] = -1
						} else if to == trace.GoRunning && s < 0 {
							assistSince[id] = t
						}
					}
					if s, ok := workerSince[id]; ok && from == trace.GoRunning {
						// A labelled run of a goroutine that is no worker is the program's.
						if !markworker.ProgramRun(st) {
							g.GCCPU.Workers += t - s
						}
						delete(workerSince, id)
					}
					start := t
					if from == trace.GoUndetermined {
						start = g.FirstTime
					}
					if to == trace.GoRunnable {
						runnableSince[id] = start
					} else if from == trace.GoRunnable {
						if s, ok := runnableSince[id]; ok && to == trace.GoRunning {
							latencies = append(latencies, t-s)
						}
						delete(runnableSince, id)
					}
					if to == trace.GoWaiting {
						blockSince[id] = start
						r := st.Reason
						if r == "" {
							r = "unspecified"
						}
						if from == trace.GoUndetermined {
							r = "blocked since before the trace"
						}
						blockReason[id] = r
					} else if from == trace.GoWaiting {
						if s, ok := blockSince[id]; ok && to == trace.GoRunnable {
							g.BlockedByReason[blockReason[id]] += t - s
						}
						delete(blockSince, id)
						delete(blockReason, id)
					}
					if to == trace.GoSyscall {
						syscallSince[id] = start
					} else if from == trace.GoSyscall {
						if s, ok := syscallSince[id]; ok {
							g.BlockedByReason["syscall"] += t - s
						}
						delete(syscallSince, id)
					}
				}
				seen[id] = true
				if to == trace.GoNotExist {
					delete(alive, id)
				} else {
					alive[id] = true
				}
			}
		}
	}
	endGen()
	g.SchedLatency = summarize(latencies)
	for id := range u.bgMark {
		switch u.verdict[id] {
		case markworker.NotWorker:
			g.LabelledNotWorkers++
		case markworker.Worker:
			g.LabelledWorkers++
		}
	}
	g.GoToolTraceNoProc = ug.noProc
	pts := u.finish()
	goPts := ug.finish()
	g.UtilPoints = len(pts)
	for _, w := range []struct {
		name string
		d    time.Duration
	}{{"1ms", time.Millisecond}, {"10ms", 10 * time.Millisecond}, {"100ms", 100 * time.Millisecond}, {"1s", time.Second}} {
		g.MMU[w.name] = mmu(pts, int64(w.d))
		g.MMUGoToolTrace[w.name] = mmu(goPts, int64(w.d))
	}
	return g
}
