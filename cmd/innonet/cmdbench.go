package main

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/demo"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search/synth"
)

// benchQueries is how many queries each shape runs.
const benchQueries = 300

// cmdBench generates synthetic members into a fresh data dir, imports them through the store and the index,
// and reports the import rate, the size on disk, query latency per shape and peak memory.
func cmdBench(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("bench", e.stderr, e.getenv)
	n := fs.Int("members", 10000, "how many synthetic members to generate (10000, 100000, 1000000)")
	vocabulary := fs.String("vocabulary", "", "a members.jsonl whose texts the members are made from (default: the demo data)")
	queries := fs.Int("queries", benchQueries, "queries per shape")
	keep := fs.Bool("keep", false, "keep the generated data dir (it is printed)")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *queries < 1 {
		return usageError{"--members and --queries must be at least 1"}
	}
	base, err := benchVocabulary(*vocabulary)
	if err != nil {
		return err
	}
	if cfg.Data, err = os.MkdirTemp("", "innonet-bench-"); err != nil {
		return err
	}
	if !*keep {
		defer os.RemoveAll(cfg.Data)
	}
	fmt.Fprintf(e.stdout, "innonet bench: %d members, data in %s, %d queries per shape\n", *n, cfg.Data, *queries)
	gen := synth.NewGenerator(synth.NewVocabulary(base), synth.Seed)
	members := gen.Members(*n)

	t, err := openTool(ctx, cfg, e, indexRequired)
	if err != nil {
		return err
	}
	defer t.Close()
	rate, err := benchImport(ctx, t, members, e)
	if err != nil {
		return err
	}
	size := dirSize(cfg.Data)
	fmt.Fprintf(e.stdout, "import (store + index): %.0f members/s; on disk %.1f MiB (%.0f bytes/member)\n",
		rate, float64(size)/(1<<20), float64(size)/float64(*n))

	texts := synth.QueryTexts(base)
	rng := rand.New(rand.NewPCG(synth.Seed, 1))
	pick := func() string { return texts[rng.IntN(len(texts))] }
	shapes := []struct {
		name  string
		query func() models.MemberQuery
	}{
		{"plain", func() models.MemberQuery { return models.MemberQuery{Text: pick(), PerPage: 10} }},
		{"unaccented", func() models.MemberQuery { return models.MemberQuery{Text: models.Fold(pick()), PerPage: 10} }},
		{"accented", func() models.MemberQuery { return models.MemberQuery{Text: strings.ToLower(pick()), PerPage: 10} }},
		{"typo", func() models.MemberQuery { return models.MemberQuery{Text: synth.Typo(pick(), rng), PerPage: 10} }},
		{"facets", func() models.MemberQuery {
			return models.MemberQuery{Text: pick(), PerPage: 10, Facets: []string{"kind", "sector", "ward"}}
		}},
	}
	fmt.Fprintf(e.stdout, "%-12s %8s %8s %8s\n", "shape", "p50 ms", "p95 ms", "p99 ms")
	for _, s := range shapes {
		lat, err := measure(*queries, func() error { _, err := t.svc.SearchMembers(ctx, s.query()); return err })
		if err != nil {
			return err
		}
		printLatency(e, s.name, lat)
	}
	lat, err := measure(*queries, func() error { _, err := t.svc.Suggest(ctx, gen.Prefix(), 8); return err })
	if err != nil {
		return err
	}
	printLatency(e, "typeahead", lat)
	fmt.Fprintf(e.stdout, "peak memory (RSS high-water mark): %s\n", peakRSS())
	return nil
}

// benchVocabulary is the members the synthetic ones are made from.
func benchVocabulary(path string) ([]*models.Member, error) {
	if path != "" {
		return synth.LoadMembers(path)
	}
	set, err := demo.Load(time.Now(), models.MustTaxonomy())
	if err != nil {
		return nil, err
	}
	return set.Members, nil
}

func benchImport(ctx context.Context, t *tool, members []*models.Member, e env) (float64, error) {
	im := t.svc.NewOperatorImport()
	bar := newProgress(e.stderr, "importing", int64(len(members)))
	start := time.Now()
	indexed := t.indexAlong(ctx, im)
	for i, m := range members {
		if err := im.AddMember(ctx, i+1, m); err != nil {
			return 0, err
		}
		bar.update(int64(i+1), i+1)
	}
	report, err := im.Finish(ctx)
	if err != nil {
		return 0, err
	}
	if _, err := indexed(); err != nil {
		return 0, err
	}
	bar.finish()
	if len(report.Errors) > 0 {
		return 0, fmt.Errorf("%d generated members were rejected, the first: %v", len(report.Errors), report.Errors[0])
	}
	return float64(len(members)) / time.Since(start).Seconds(), nil
}

// measure runs f n times and returns the latencies in milliseconds, sorted.
func measure(n int, f func() error) ([]float64, error) {
	out := make([]float64, 0, n)
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return nil, err
		}
		out = append(out, float64(time.Since(start).Microseconds())/1000)
	}
	slices.Sort(out)
	return out, nil
}

func percentile(sorted []float64, p float64) float64 {
	i := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func printLatency(e env, name string, lat []float64) {
	fmt.Fprintf(e.stdout, "%-12s %8.1f %8.1f %8.1f\n", name, percentile(lat, 50), percentile(lat, 95), percentile(lat, 99))
}

func dirSize(dir string) int64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// peakRSS reads the process's high-water mark of resident memory (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
