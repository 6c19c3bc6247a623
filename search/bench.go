package search

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// BenchOptions describe a benchmark run: members indexed into a new index in Dir, then query shapes timed
// one query at a time, as the perf check (../shared/checks/perf) sends them.
type BenchOptions struct {
	Dir       string           // where the index is built; must not hold one
	Members   []*models.Member // indexed in batches of BatchSize through Apply
	BatchSize int              // changes per Apply; 5,000 when zero
	Queries   []EvalQuery      // search texts with their types (plain uses all; unaccented, accented, typo theirs)
	Prefixes  []string         // typeahead prefixes
	Rounds    int              // passes over each shape's texts; 3 when zero
	Warmup    int              // queries run before timing; 50 when zero
	Optimize  bool             // merge the segments (Index.Optimize) after indexing, before the queries
	Log       io.Writer        // progress, when not nil
}

// Latency holds the percentiles of one query shape, in milliseconds.
type Latency struct {
	Shape              string
	N                  int
	P50, P95, P99, Max float64
	MeanTotal          float64 // mean number of documents matched (searches) or suggestions (typeahead)
}

// BenchReport is the outcome of RunBench.
type BenchReport struct {
	Members   int
	IndexSecs float64 // wall time of the Apply calls
	IndexRate float64 // members per second through Apply
	IndexCPU  float64 // process CPU time per member during indexing, in microseconds (0 where unknown)
	OptSecs   float64 // time of Optimize, when asked for
	DiskBytes int64   // the index directory after indexing
	Segments  int     // index segments when the queries started
	SegsAfter int     // and when they ended (the index merges segments in the background)
	Shapes    []Latency
}

// String formats the report, one line per shape.
func (r *BenchReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "indexed %d members in %.1fs: %.0f members/s (CPU %.0f µs/member); index %.1f MB, %d segments",
		r.Members, r.IndexSecs, r.IndexRate, r.IndexCPU, float64(r.DiskBytes)/1e6, r.Segments)
	if r.OptSecs > 0 {
		fmt.Fprintf(&b, " after optimizing for %.1fs", r.OptSecs)
	}
	fmt.Fprintf(&b, " (%d after the queries)", r.SegsAfter)
	b.WriteString("\n")
	fmt.Fprintf(&b, "%-11s %5s %8s %8s %8s %8s %10s\n", "shape", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean hits")
	for _, s := range r.Shapes {
		fmt.Fprintf(&b, "%-11s %5d %8.2f %8.2f %8.2f %8.2f %10.0f\n", s.Shape, s.N, s.P50, s.P95, s.P99, s.Max, s.MeanTotal)
	}
	return b.String()
}

// Percentile returns the p-th percentile of xs as the perf check computes it: the value at rank
// ceil(p/100 * n) of the sorted values.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// RunBench builds an index of opts.Members in opts.Dir, closes and reopens it (as a server starts after
// an import), then times the query shapes: plain, unaccented, accented and typo searches (10 per page),
// plain searches with the kind, sector and ward facets, the directory's first page (no text, by recency,
// with the facets), and typeahead.
func RunBench(ctx context.Context, tax *models.Taxonomy, opts BenchOptions) (*BenchReport, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 5000
	}
	if opts.Rounds <= 0 {
		opts.Rounds = 3
	}
	if opts.Warmup <= 0 {
		opts.Warmup = 50
	}
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	ix, err := Open(opts.Dir, tax, Options{})
	if err != nil {
		return nil, err
	}
	rep := &BenchReport{Members: len(opts.Members)}
	cpu0, start := processCPU(), time.Now()
	changes := make([]models.Change, 0, opts.BatchSize)
	for i := 0; i < len(opts.Members); i += opts.BatchSize {
		changes = changes[:0]
		for j, m := range opts.Members[i:min(i+opts.BatchSize, len(opts.Members))] {
			changes = append(changes, models.Change{Seq: int64(i + j + 1), Type: models.EntityMember, ID: m.ID, Member: m})
		}
		if err := ix.Apply(ctx, changes); err != nil {
			ix.Close()
			return nil, err
		}
		if done := i + len(changes); done%(opts.BatchSize*10) == 0 {
			logf("indexed %d members, %.0f/s", done, float64(done)/time.Since(start).Seconds())
		}
	}
	rep.IndexSecs = time.Since(start).Seconds()
	rep.IndexRate = float64(len(opts.Members)) / rep.IndexSecs
	if cpu := processCPU() - cpu0; cpu > 0 && len(opts.Members) > 0 {
		rep.IndexCPU = float64(cpu.Microseconds()) / float64(len(opts.Members))
	}
	if opts.Optimize {
		t := time.Now()
		if err := ix.Optimize(ctx); err != nil {
			ix.Close()
			return nil, err
		}
		rep.OptSecs = time.Since(t).Seconds()
	}
	if err := ix.Close(); err != nil {
		return nil, err
	}
	if ix, err = Open(opts.Dir, tax, Options{}); err != nil {
		return nil, err
	}
	defer ix.Close()
	rep.DiskBytes = dirSize(opts.Dir)
	rep.Segments = ix.segmentCount(ctx)
	logf("indexed %d members at %.0f/s, %.1f MB", rep.Members, rep.IndexRate, float64(rep.DiskBytes)/1e6)

	byType := map[string][]string{}
	for _, q := range opts.Queries {
		byType[q.Type] = append(byType[q.Type], q.Text)
		byType["plain"] = append(byType["plain"], q.Text)
	}
	facets := []string{"kind", "sector", "ward"}
	search := func(facets []string) func(string) (uint64, error) {
		return func(s string) (uint64, error) {
			res, err := ix.SearchMembers(ctx, MemberQuery{Text: s, PerPage: 10, Facets: facets})
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		}
	}
	var list []string
	if len(opts.Queries) > 0 {
		list = make([]string, 20)
	}
	shapes := []struct {
		name  string
		texts []string
		run   func(string) (uint64, error)
	}{
		{"plain", byType["plain"], search(nil)},
		{"unaccented", byType["unaccented"], search(nil)},
		{"accented", byType["accented"], search(nil)},
		{"typo", byType["typo"], search(nil)},
		{"facets", byType["plain"], search(facets)},
		{"list", list, search(facets)},
		{"typeahead", opts.Prefixes, func(s string) (uint64, error) {
			sg, err := ix.Suggest(ctx, s, 10)
			return uint64(len(sg)), err
		}},
	}
	for i := 0; i < opts.Warmup && len(byType["plain"]) > 0; i++ {
		if _, err := shapes[0].run(byType["plain"][i%len(byType["plain"])]); err != nil {
			return nil, err
		}
	}
	for _, sh := range shapes {
		if len(sh.texts) == 0 {
			continue
		}
		var lat []float64
		var total float64
		for r := 0; r < opts.Rounds; r++ {
			for _, text := range sh.texts {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				t := time.Now()
				n, err := sh.run(text)
				if err != nil {
					return nil, fmt.Errorf("%s %q: %w", sh.name, text, err)
				}
				lat = append(lat, float64(time.Since(t).Microseconds())/1000)
				total += float64(n)
			}
		}
		rep.Shapes = append(rep.Shapes, Latency{Shape: sh.name, N: len(lat), P50: Percentile(lat, 50),
			P95: Percentile(lat, 95), P99: Percentile(lat, 99), Max: Percentile(lat, 100), MeanTotal: total / float64(len(lat))})
	}
	rep.SegsAfter = ix.segmentCount(ctx)
	return rep, nil
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// segmentCount is the number of segments of the index's current snapshot.
func (ix *Index) segmentCount(ctx context.Context) int {
	v, err := ix.newView(ctx)
	if err != nil {
		return 0
	}
	defer v.close()
	return len(v.segs)
}
