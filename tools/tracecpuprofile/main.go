// Command tracecpuprofile writes the CPU samples of a Go execution trace as a
// profile.proto, the reference gotune's trace-derived CPU profile is checked
// against (tests/unit/gotrace/cpu-profile.test.ts, via `go tool pprof -top`).
//
// `go tool trace -pprof=TYPE` (Go 1.26) builds profiles only for net, sync,
// syscall and sched; it has no CPU type. So this program reads the trace with
// golang.org/x/exp/trace (the Go team's reader) and builds the profile the
// way cmd/trace builds its others (cmd/trace/pprof.go and
// internal/trace/traceviewer/pprof.go, Go 1.26):
//
//   - samples are grouped by their stack's PCs (stackMap: at most 128 frames);
//   - one location per PC with one line (the frame's function and line),
//     first frame seen for a PC wins; one function per file+name;
//   - each record becomes one sample.
//
// The differences from traceviewer.BuildProfile are the sample type, which is
// one value per EventStackSample ("samples"/"count": the trace does not record
// the sampling rate, so no "cpu"/"nanoseconds" value), and the duration: the
// time from the first to the last event of the trace, as the
// trace analysis reports it. Records are visited in first-seen order (cmd/trace
// iterates a map; the -top output does not depend on the order).
//
// Usage: go run ./tracecpuprofile -o out.pb.gz file.trace
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/google/pprof/profile"
	"golang.org/x/exp/trace"
)

const maxStack = 128

type frame struct {
	pc   uint64
	fn   string
	file string
	line int64
}

type record struct {
	frames []frame
	count  int64
}

func main() {
	out := flag.String("o", "", "output profile (gzipped profile.proto)")
	flag.Parse()
	if flag.NArg() != 1 || *out == "" {
		log.Fatal("usage: tracecpuprofile -o out.pb.gz file.trace")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := trace.NewReader(bufio.NewReader(f))
	if err != nil {
		log.Fatal(err)
	}

	byPCs := map[[maxStack]uint64]*record{}
	var order []*record
	samples := 0
	var first, last trace.Time
	seen := false
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if !seen {
			first, seen = ev.Time(), true
		}
		last = ev.Time()
		if ev.Kind() != trace.EventStackSample {
			continue
		}
		var key [maxStack]uint64
		var frames []frame
		for sf := range ev.Stack().Frames() {
			if len(frames) < maxStack {
				key[len(frames)] = sf.PC
			}
			frames = append(frames, frame{sf.PC, sf.Func, sf.File, int64(sf.Line)})
		}
		rec := byPCs[key]
		if rec == nil {
			rec = &record{frames: frames}
			byPCs[key] = rec
			order = append(order, rec)
		}
		rec.count++
		samples++
	}

	p := &profile.Profile{
		SampleType:    []*profile.ValueType{{Type: "samples", Unit: "count"}},
		DurationNanos: int64(last - first),
	}
	locs := map[uint64]*profile.Location{}
	funcs := map[string]*profile.Function{}
	for _, rec := range order {
		var sloc []*profile.Location
		for _, fr := range rec.frames {
			loc := locs[fr.pc]
			if loc == nil {
				fn := funcs[fr.file+fr.fn]
				if fn == nil {
					fn = &profile.Function{ID: uint64(len(p.Function) + 1), Name: fr.fn, SystemName: fr.fn, Filename: fr.file}
					p.Function = append(p.Function, fn)
					funcs[fr.file+fr.fn] = fn
				}
				loc = &profile.Location{ID: uint64(len(p.Location) + 1), Address: fr.pc, Line: []profile.Line{{Function: fn, Line: fr.line}}}
				p.Location = append(p.Location, loc)
				locs[fr.pc] = loc
			}
			sloc = append(sloc, loc)
		}
		p.Sample = append(p.Sample, &profile.Sample{Value: []int64{rec.count}, Location: sloc})
	}
	if err := p.CheckValid(); err != nil {
		log.Fatal(err)
	}
	w, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Write(w); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%s: %d samples in %d stacks\n", *out, samples, len(p.Sample))
}
