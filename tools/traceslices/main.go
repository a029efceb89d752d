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
// "runtime" when the goroutine was created in the trace with an entry
// function of package runtime, else "user".
//
// Windows (ns on the trace clock): the whole trace; three windows of 1/50 of
// the trace centred at 1/4, 1/2 and 3/4 of it; and the longest
// stop-the-world with 2 ms either side. Window edges sit on whole
// microseconds from the first event. A slice is in [t0, t1) when
// start < t1 and end > t0.
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
	"strconv"
	"strings"

	"golang.org/x/exp/trace"
)

type slice struct {
	start, end int64
	p          int64
	kind       string
	g          int64
	// Function at the top of the stack where it stopped ("" when none).
	top string
}

type firstSlice struct {
	Start int64  `json:"start"`
	End   int64  `json:"end"`
	G     int64  `json:"g"`
	Top   string `json:"top"`
}

type window struct {
	Why string `json:"why"`
	T0  int64  `json:"t0"`
	T1  int64  `json:"t1"`
	// Slices per P (key: P id), Ps with none left out.
	PerP map[string]int `json:"perP"`
	// The first slice per P in the window (the page's click test zooms onto it).
	First map[string]firstSlice `json:"first"`
}

type golden struct {
	Tool      string         `json:"tool"`
	FirstTime int64          `json:"firstTime"`
	LastTime  int64          `json:"lastTime"`
	Slices    int            `json:"slices"`
	ByKind    map[string]int `json:"byKind"`
	PerP      map[string]int `json:"perP"`
	Windows   []window       `json:"windows"`
}

type open struct {
	start int64
	p     int64
	kind  string
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
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		t := int64(ev.Time())
		if n == 0 {
			first = t
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
				running[g] = &open{t, int64(ev.Proc()), kind}
			} else if from == trace.GoRunning {
				if o := running[g]; o != nil {
					top := ""
					for fr := range ev.Stack().Frames() {
						top = fr.Func
						break
					}
					slices = append(slices, slice{o.start, t, o.p, o.kind, int64(g), top})
					delete(running, g)
				}
			}
		case trace.EventLabel:
			l := ev.Label()
			if strings.HasPrefix(l.Label, "GC (") && l.Resource.Kind == trace.ResourceGoroutine {
				if o := running[l.Resource.Goroutine()]; o != nil {
					o.kind = "gc"
				}
			}
		case trace.EventRangeBegin, trace.EventRangeEnd:
			rg := ev.Range()
			if !strings.HasPrefix(rg.Name, "stop-the-world") {
				break
			}
			if ev.Kind() == trace.EventRangeBegin {
				stwOpen[ev.Goroutine()] = t
			} else if s, ok := stwOpen[ev.Goroutine()]; ok {
				delete(stwOpen, ev.Goroutine())
				if t-s > worstStw[1]-worstStw[0] {
					worstStw = [2]int64{s, t}
				}
			}
		}
	}
	for g, o := range running {
		slices = append(slices, slice{o.start, last, o.p, o.kind, int64(g), ""})
	}
	g := golden{Tool: "golang.org/x/exp/trace (tools/traceslices)", FirstTime: first, LastTime: last, Slices: len(slices), ByKind: map[string]int{}, PerP: map[string]int{}}
	for _, s := range slices {
		g.ByKind[s.kind]++
		g.PerP[strconv.FormatInt(s.p, 10)]++
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
		win := window{Why: w[0].(string), T0: t0, T1: t1, PerP: map[string]int{}, First: map[string]firstSlice{}}
		for _, s := range slices {
			if s.start < t1 && s.end > t0 {
				p := strconv.FormatInt(s.p, 10)
				win.PerP[p]++
				if f, ok := win.First[p]; !ok || s.start < f.Start {
					win.First[p] = firstSlice{s.start, s.end, s.g, s.top}
				}
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
