// Command godebugtable writes src/rules/godebugTable.ts, the list of
// GODEBUG settings the config linter checks against, derived from the Go
// installation it runs with:
//
//   - $GOROOT/src/internal/godebugs/table.go: All (documented compatibility
//     settings, with the version their default changed) and Removed;
//   - $GOROOT/src/runtime/runtime1.go: dbgvars (runtime debugging settings
//     such as gctrace, schedtrace, madvdontneed);
//   - $GOROOT/src/**/*.go: godebug.New("#name") (undocumented settings that
//     are still read);
//   - $GOROOT/doc/godebug.md: the "GODEBUG History" section, for the first Go
//     version that mentions a setting and for "removed the `x` setting";
//   - a short list of runtime/crypto settings removed before Go 1.26 that no
//     file of the installation mentions, each with its primary source.
//
// Usage (from tools/): go run ./godebugtable > ../src/rules/godebugTable.ts
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

type setting struct {
	Name       string
	Package    string
	Introduced int // minor version first mentioned in doc/godebug.md, 0 = unknown
	Changed    int
	Old        string
	Removed    int
	Kind       string // "compat", "runtime", "undocumented", "removed"
	Source     string
}

// Removed before the table existed or never listed in it.
var removedByHand = []setting{
	{Name: "allocfreetrace", Package: "runtime", Removed: 23, Source: "https://go.googlesource.com/go/+/11047345f53fb1484e76fd59d6e044c219d204e5"},
	{Name: "x509ignoreCN", Package: "crypto/x509", Removed: 17, Source: "https://go.dev/doc/go1.17#crypto/x509"},
	{Name: "tls13", Package: "crypto/tls", Removed: 14, Source: "https://go.dev/doc/go1.14#crypto/tls"},
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "godebugtable:", err)
		os.Exit(1)
	}
}

func strField(kv *ast.KeyValueExpr) (string, string) {
	key := kv.Key.(*ast.Ident).Name
	switch v := kv.Value.(type) {
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			s, _ := strconv.Unquote(v.Value)
			return key, s
		}
		return key, v.Value
	case *ast.Ident:
		return key, v.Name
	}
	return key, ""
}

// compositeVar returns the elements of the composite literal assigned to var name.
func compositeVar(file *ast.File, name string) []ast.Expr {
	var elts []ast.Expr
	ast.Inspect(file, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != name || len(vs.Values) != 1 {
			return true
		}
		if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
			elts = cl.Elts
		}
		return false
	})
	return elts
}

func fields(e ast.Expr) map[string]string {
	m := map[string]string{}
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	cl, ok := e.(*ast.CompositeLit)
	if !ok {
		return m
	}
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			k, v := strField(kv)
			m[k] = v
		}
	}
	return m
}

func main() {
	goroot := runtime.GOROOT()
	fset := token.NewFileSet()
	table, err := parser.ParseFile(fset, filepath.Join(goroot, "src/internal/godebugs/table.go"), nil, 0)
	must(err)
	byName := map[string]*setting{}
	add := func(s setting) {
		if _, dup := byName[s.Name]; !dup {
			c := s
			byName[s.Name] = &c
		}
	}
	for _, e := range compositeVar(table, "All") {
		f := fields(e)
		changed, _ := strconv.Atoi(f["Changed"])
		add(setting{Name: f["Name"], Package: f["Package"], Changed: changed, Old: f["Old"], Kind: "compat", Source: "https://go.dev/doc/godebug#history"})
	}
	for _, e := range compositeVar(table, "Removed") {
		f := fields(e)
		removed, _ := strconv.Atoi(f["Removed"])
		add(setting{Name: f["Name"], Removed: removed, Kind: "removed", Source: "https://go.dev/doc/godebug#history"})
	}
	rt, err := parser.ParseFile(fset, filepath.Join(goroot, "src/runtime/runtime1.go"), nil, 0)
	must(err)
	for _, e := range compositeVar(rt, "dbgvars") {
		f := fields(e)
		add(setting{Name: f["name"], Package: "runtime", Kind: "runtime", Source: "https://pkg.go.dev/runtime#hdr-Environment_Variables"})
	}
	add(setting{Name: "memprofilerate", Package: "runtime", Kind: "runtime", Source: "https://pkg.go.dev/runtime#hdr-Environment_Variables"})

	undoc := regexp.MustCompile(`godebug\.New\("#([a-z0-9.]+)"\)`)
	must(filepath.WalkDir(filepath.Join(goroot, "src"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "/testdata/") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range undoc.FindAllSubmatch(b, -1) {
			name := string(m[1])
			if strings.HasPrefix(name, "cpu.") {
				continue // cpu.* options are matched by prefix
			}
			rel, _ := filepath.Rel(goroot, p)
			add(setting{Name: name, Kind: "undocumented", Source: "https://github.com/golang/go/blob/master/" + filepath.ToSlash(rel)})
		}
		return nil
	}))

	md, err := os.ReadFile(filepath.Join(goroot, "doc/godebug.md"))
	must(err)
	hist := string(md)
	if i := strings.Index(hist, "## GODEBUG History"); i >= 0 {
		hist = hist[i:]
	}
	section := regexp.MustCompile(`(?m)^### Go 1\.(\d+)\s*$`)
	tick := regexp.MustCompile("`([a-z0-9]+)(?:=[^`]*)?`")
	removedRe := regexp.MustCompile("removed[^\\n]*?`([a-z0-9]+)` setting")
	locs := section.FindAllStringSubmatchIndex(hist, -1)
	for i, loc := range locs {
		minor, _ := strconv.Atoi(hist[loc[2]:loc[3]])
		end := len(hist)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := hist[loc[1]:end]
		for _, m := range tick.FindAllStringSubmatch(body, -1) {
			if s, ok := byName[m[1]]; ok && (s.Introduced == 0 || minor < s.Introduced) {
				s.Introduced = minor
			}
		}
		for _, m := range removedRe.FindAllStringSubmatch(body, -1) {
			name := m[1]
			if s, ok := byName[name]; ok {
				if s.Kind == "removed" || s.Removed == 0 {
					s.Removed = minor
					s.Kind = "removed"
				}
			} else {
				add(setting{Name: name, Removed: minor, Kind: "removed", Source: "https://go.dev/doc/godebug#go-1" + strconv.Itoa(minor)})
			}
		}
	}
	for _, s := range removedByHand {
		s.Kind = "removed"
		add(s)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)

	fmt.Printf("// GENERATED by tools/godebugtable from %s (%s): internal/godebugs/table.go,\n", runtime.Version(), "GOROOT")
	fmt.Println("// runtime/runtime1.go dbgvars, godebug.New(\"#…\") in the standard library, and")
	fmt.Println("// doc/godebug.md history. Do not edit; regenerate: cd tools && go run ./godebugtable > ../src/rules/godebugTable.ts")
	fmt.Println()
	fmt.Println("export interface GodebugSetting {")
	fmt.Println("  name: string;")
	fmt.Println("  /** Package that reads it ('' when unknown). */")
	fmt.Println("  package: string;")
	fmt.Println("  /** compat: documented compatibility setting; runtime: runtime debugging variable; undocumented: read but not documented; removed. */")
	fmt.Println("  kind: 'compat' | 'runtime' | 'undocumented' | 'removed';")
	fmt.Println("  /** Go 1.N that first mentions it in doc/godebug.md (0 = not in that history). */")
	fmt.Println("  introduced: number;")
	fmt.Println("  /** Go 1.N whose go.mod line changed its default (0 = never). */")
	fmt.Println("  changed: number;")
	fmt.Println("  /** The value that restores the behaviour before `changed`. */")
	fmt.Println("  old: string;")
	fmt.Println("  /** Go 1.N that removed it (0 = still there). */")
	fmt.Println("  removed: number;")
	fmt.Println("  source: string;")
	fmt.Println("}")
	fmt.Println()
	fmt.Printf("export const GODEBUG_TABLE_GO_VERSION = %q;\n\n", runtime.Version())
	fmt.Println("export const GODEBUG_SETTINGS: readonly GodebugSetting[] = [")
	for _, n := range names {
		s := byName[n]
		fmt.Printf("  { name: %q, package: %q, kind: %q, introduced: %d, changed: %d, old: %q, removed: %d, source: %q },\n",
			s.Name, s.Package, s.Kind, s.Introduced, s.Changed, s.Old, s.Removed, s.Source)
	}
	fmt.Println("];")
}
