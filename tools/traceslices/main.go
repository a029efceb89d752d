// Command traceslices reads a Go execution trace with golang.org/x/exp/trace
// (the Go team's reader) and counts, per P, the slices during which a
// goroutine ran on it: what gotune's timeline draws on its P lanes. The
// timeline's span store (src/analysis/gotrace/spanStore.ts) must reproduce the
// counts exactly.
//
// A slice starts when a goroutine's state becomes Running (on the P of that
// event) and ends at its next transition out of Running; one still running
// when the trace ends ends at the last event. Kinds: "gc" when a "GC (…)"
// label (a GC mark worker: dedicated, fractional or idle) follows its start,
// unless the slice ends in the program's code (the goroutine ends, or its
// stack there shows it is not a worker: tools/internal/markworker; the
// runtime labels program goroutines too); "runtime" when the goroutine was
// created in the trace with an entry function of package runtime; else "user".
//
// Windows (ns on the trace clock): the whole trace; three windows of 1/50 of
// the trace centred at 1/4, 1/2 and 3/4 of it; and the longest
// stop-the-world with 2 ms either side. Window edges sit on whole
// microseconds from the first event. A slice is in [t0, t1) when
// start < t1 and end > t0.
//
// User tasks and regions (trace.NewTask, trace.WithRegion / StartRegion): a
// region runs from its begin to the end that closes it on the same goroutine
// (regions nest); a task from its begin to its end. One still open when the
// trace ends ends at the last event; an end whose begin was before the trace
// started begins at the first event. Counted per name, and per window as the
// slices are.
//
// Per window, the statistics the timeline shows for a selected range: CPU
// time per goroutine (the parts of its slices inside the window; top 10 by
// time, then by goroutine id), the CPU time of GC mark workers, the time
// inside a GC cycle (the "GC concurrent mark phase" range) and the
// stop-the-worlds overlapping it with their time inside it. Also per thread
// (M) the slices, for the per-M lanes, and the stack top where each first
// slice started (where its goroutine last stopped: it resumes there).
//
// Usage: go run ./traceslices -o out.slices.json file.trace
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"io"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/exp/trace"

	"gotune/tools/internal/markworker"
)

type slice struct {
	start, end int64
	p          int64
	kind       string
	g          int64
	m          int64
	// Function at the top of the stack where it stopped ("" when none).
	top string
	// Function at the top of the stack where it last stopped before this slice ("" when none).
	startTop string
}

// A user task or region, or a GC cycle or a stop-the-world.
type span struct {
	start, end int64
	name       string
}

type cpuOf struct {
	G  int64 `json:"g"`
	Ns int64 `json:"ns"`
}

// What a selected range's statistics must say.
type stats struct {
	CPUNs      int64   `json:"cpuNs"`
	GCWorkerNs int64   `json:"gcWorkerNs"`
	GCNs       int64   `json:"gcNs"`
	STWs       int     `json:"stws"`
	STWNs      int64   `json:"stwNs"`
	Goroutines int     `json:"goroutines"`
	TopByCPU   []cpuOf `json:"topByCpu"`
}

type firstSlice struct {
	Start int64  `json:"start"`
	End   int64  `json:"end"`
	G     int64  `json:"g"`
	Top   string `json:"top"`
	// Top of the stack where the goroutine last stopped before it (where it resumes).
	StartTop string `json:"startTop"`
}

type window struct {
	Why string `json:"why"`
	T0  int64  `json:"t0"`
	T1  int64  `json:"t1"`
	// Slices per P (key: P id), Ps with none left out.
	PerP map[string]int `json:"perP"`
	// The first slice per P in the window (the page's click test zooms onto it).
	First map[string]firstSlice `json:"first"`
	// Slices per thread (M), regions and tasks overlapping the window.
	PerM    map[string]int `json:"perM"`
	Regions int            `json:"regions"`
	Tasks   int            `json:"tasks"`
	Stats   stats          `json:"stats"`
}

type golden struct {
	Tool      string         `json:"tool"`
	FirstTime int64          `json:"firstTime"`
	LastTime  int64          `json:"lastTime"`
	Slices    int            `json:"slices"`
	ByKind    map[string]int `json:"byKind"`
	PerP      map[string]int `json:"perP"`
	PerM      map[string]int `json:"perM"`
	// User regions and tasks by name.
	Regions map[string]int `json:"regions"`
	Tasks   map[string]int `json:"tasks"`
	Windows []window       `json:"windows"`
}

type open struct {
	start    int64
	p        int64
	m        int64
	kind     string
	startTop string
	// base: the kind without a "GC (…)" label.
	base string
}

func topOf(st trace.Stack) string {
	for fr := range st.Frames() {
		return fr.Func
	}
	return ""
}

func overlap(s, e, t0, t1 int64) int64 {
	return max(0, min(e, t1)-max(s, t0))
}

func main() {
	out := flag.String("o", "", "output JSON file (default stdout)")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: traceslices [-o out.json] file.trace")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := trace.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		log.Fatal(err)
	}
	running := map[trace.GoID]*open{}
	runtimeG := map[trace.GoID]bool{}
	var slices []slice
	var first, last int64
	n := 0
	var worstStw [2]int64
	stwOpen := map[trace.GoID]int64{}
	lastTop := map[trace.GoID]string{}
	var regions, tasks, gcs, stws []span
	regionOpen := map[trace.GoID][]span{}
	taskOpen := map[trace.TaskID]span{}
	gcOpen := int64(-1)
	firstSeen := false
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		t := int64(ev.Time())
		if !firstSeen {
			first = t
			firstSeen = true
		}
		last = t
		n++
		switch ev.Kind() {
		case trace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind != trace.ResourceGoroutine {
				break
			}
			g := st.Resource.Goroutine()
			from, to := st.Goroutine()
			if from == trace.GoNotExist && to != trace.GoNotExist {
				// A goroutine created in the trace: its entry function is the new stack's frame.
				for fr := range st.Stack.Frames() {
					runtimeG[g] = strings.HasPrefix(fr.Func, "runtime.")
					break
				}
			}
			if from == to {
				break
			}
			if to == trace.GoRunning {
				kind := "user"
				if runtimeG[g] {
					kind = "runtime"
				}
				running[g] = &open{t, int64(ev.Proc()), int64(ev.Thread()), kind, lastTop[g], kind}
			} else if from == trace.GoRunning {
				if o := running[g]; o != nil {
					if o.kind == "gc" && markworker.ProgramRun(st) {
						o.kind = o.base
					}
					top := topOf(ev.Stack())
					slices = append(slices, slice{o.start, t, o.p, o.kind, int64(g), o.m, top, o.startTop})
					delete(running, g)
					lastTop[g] = top
				}
			}
		case trace.EventLabel:
			l := ev.Label()
			if strings.HasPrefix(l.Label, "GC (") && l.Resource.Kind == trace.ResourceGoroutine {
				if o := running[l.Resource.Goroutine()]; o != nil {
					o.kind = "gc"
				}
			}
		case trace.EventRangeBegin, trace.EventRangeActive, trace.EventRangeEnd:
			rg := ev.Range()
			if rg.Name == "GC concurrent mark phase" {
				if ev.Kind() != trace.EventRangeEnd {
					if gcOpen < 0 {
						gcOpen = t
					}
				} else {
					s := gcOpen
					if s < 0 {
						s = first
					}
					gcs = append(gcs, span{s, t, ""})
					gcOpen = -1
				}
				break
			}
			if !strings.HasPrefix(rg.Name, "stop-the-world") {
				break
			}
			if ev.Kind() == trace.EventRangeBegin {
				stwOpen[ev.Goroutine()] = t
			} else if s, ok := stwOpen[ev.Goroutine()]; ok && ev.Kind() == trace.EventRangeEnd {
				delete(stwOpen, ev.Goroutine())
				stws = append(stws, span{s, t, rg.Name})
				if t-s > worstStw[1]-worstStw[0] {
					worstStw = [2]int64{s, t}
				}
			}
		case trace.EventRegionBegin:
			g := ev.Goroutine()
			regionOpen[g] = append(regionOpen[g], span{t, 0, ev.Region().Type})
		case trace.EventRegionEnd:
			g := ev.Goroutine()
			if st := regionOpen[g]; len(st) > 0 {
				r := st[len(st)-1]
				regionOpen[g] = st[:len(st)-1]
				regions = append(regions, span{r.start, t, r.name})
			} else {
				regions = append(regions, span{first, t, ev.Region().Type})
			}
		case trace.EventTaskBegin:
			tk := ev.Task()
			taskOpen[tk.ID] = span{t, 0, tk.Type}
		case trace.EventTaskEnd:
			tk := ev.Task()
			if o, ok := taskOpen[tk.ID]; ok {
				delete(taskOpen, tk.ID)
				tasks = append(tasks, span{o.start, t, o.name})
			} else {
				tasks = append(tasks, span{first, t, ""})
			}
		}
	}
	for g, o := range running {
		slices = append(slices, slice{o.start, last, o.p, o.kind, int64(g), o.m, "", o.startTop})
	}
	for _, st := range regionOpen {
		for _, r := range st {
			regions = append(regions, span{r.start, last, r.name})
		}
	}
	for _, o := range taskOpen {
		tasks = append(tasks, span{o.start, last, o.name})
	}
	if gcOpen >= 0 {
		gcs = append(gcs, span{gcOpen, last, ""})
	}
	for _, s := range stwOpen {
		stws = append(stws, span{s, last, ""})
	}
	g := golden{Tool: "golang.org/x/exp/trace (tools/traceslices)", FirstTime: first, LastTime: last, Slices: len(slices), ByKind: map[string]int{}, PerP: map[string]int{}, PerM: map[string]int{}, Regions: map[string]int{}, Tasks: map[string]int{}}
	for _, s := range slices {
		g.ByKind[s.kind]++
		g.PerP[strconv.FormatInt(s.p, 10)]++
		g.PerM[strconv.FormatInt(s.m, 10)]++
	}
	for _, r := range regions {
		g.Regions[r.name]++
	}
	for _, tk := range tasks {
		g.Tasks[tk.name]++
	}
	us := func(t int64) int64 { return first + (t-first)/1000*1000 }
	dur := last - first
	wins := [][3]any{{"whole trace", first, last + 1}}
	for _, q := range []int64{1, 2, 3} {
		c := first + dur*q/4
		wins = append(wins, [3]any{"1/50 of the trace at " + strconv.FormatInt(q, 10) + "/4", us(c - dur/100), us(c + dur/100)})
	}
	if worstStw[1] > 0 {
		wins = append(wins, [3]any{"longest stop-the-world ± 2 ms", us(worstStw[0] - 2e6), us(worstStw[1]+2e6) + 1000})
	}
	for _, w := range wins {
		t0, t1 := w[1].(int64), w[2].(int64)
		win := window{Why: w[0].(string), T0: t0, T1: t1, PerP: map[string]int{}, First: map[string]firstSlice{}, PerM: map[string]int{}}
		cpu := map[int64]int64{}
		for _, s := range slices {
			if s.start < t1 && s.end > t0 {
				p := strconv.FormatInt(s.p, 10)
				win.PerP[p]++
				win.PerM[strconv.FormatInt(s.m, 10)]++
				if f, ok := win.First[p]; !ok || s.start < f.Start {
					win.First[p] = firstSlice{s.start, s.end, s.g, s.top, s.startTop}
				}
				ns := overlap(s.start, s.end, t0, t1)
				cpu[s.g] += ns
				win.Stats.CPUNs += ns
				if s.kind == "gc" {
					win.Stats.GCWorkerNs += ns
				}
			}
		}
		win.Stats.Goroutines = len(cpu)
		win.Stats.TopByCPU = []cpuOf{}
		for gid, ns := range cpu {
			win.Stats.TopByCPU = append(win.Stats.TopByCPU, cpuOf{gid, ns})
		}
		sort.Slice(win.Stats.TopByCPU, func(i, j int) bool {
			a, b := win.Stats.TopByCPU[i], win.Stats.TopByCPU[j]
			return a.Ns > b.Ns || a.Ns == b.Ns && a.G < b.G
		})
		if len(win.Stats.TopByCPU) > 10 {
			win.Stats.TopByCPU = win.Stats.TopByCPU[:10]
		}
		for _, r := range regions {
			if r.start < t1 && r.end > t0 {
				win.Regions++
			}
		}
		for _, tk := range tasks {
			if tk.start < t1 && tk.end > t0 {
				win.Tasks++
			}
		}
		for _, c := range gcs {
			win.Stats.GCNs += overlap(c.start, c.end, t0, t1)
		}
		for _, c := range stws {
			if c.start < t1 && c.end > t0 {
				win.Stats.STWs++
				win.Stats.STWNs += overlap(c.start, c.end, t0, t1)
			}
		}
		g.Windows = append(g.Windows, win)
	}
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
