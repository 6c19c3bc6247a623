package search

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search/synth"
)

// benchN is the number of synthetic members of the benchmarks: INNONET_BENCH_MEMBERS (or INNONET_BENCH_N),
// 10,000 by default.
func benchN() int {
	for _, env := range []string{"INNONET_BENCH_MEMBERS", "INNONET_BENCH_N"} {
		if n, err := strconv.Atoi(os.Getenv(env)); err == nil && n > 0 {
			return n
		}
	}
	return 10000
}

// benchInput generates the members, queries and typeahead prefixes of the perf check (../shared/checks/perf):
// n members from the evaluation set's vocabulary with Python's random.Random(59), then 600 query picks
// and 600 prefixes from the same stream (the check picks among the dev and held-out queries; only the dev
// ones are here).
func benchInput(t testing.TB, n int) ([]*models.Member, []EvalQuery, []string) {
	base, err := synth.LoadMembers(evalFile(t, "members.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	queries, err := LoadQueries(evalFile(t, "search_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	g := synth.NewGenerator(synth.NewVocabulary(base), synth.Seed)
	ms := g.Members(n)
	texts := make([]string, len(queries))
	for i, q := range queries {
		texts[i] = q.Text
	}
	for range 600 {
		g.Pick(texts)
	}
	prefixes := make([]string, 600)
	for i := range prefixes {
		prefixes[i] = g.Prefix()
	}
	return ms, queries, prefixes
}

// BenchmarkIndexing measures indexing throughput through Apply: INNONET_BENCH_MEMBERS members in batches
// of INNONET_BENCH_BATCH (5,000 by default; the store's catch-up sends 1,000).
func BenchmarkIndexing(b *testing.B) {
	ms, _, _ := benchInput(b, benchN())
	batch, _ := strconv.Atoi(os.Getenv("INNONET_BENCH_BATCH"))
	for b.Loop() {
		rep, err := RunBench(context.Background(), models.MustTaxonomy(), BenchOptions{
			Dir: filepath.Join(b.TempDir(), "index"), Members: ms, BatchSize: batch,
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("\n%s", rep)
		b.ReportMetric(rep.IndexRate, "members/s")
		b.ReportMetric(rep.IndexCPU, "cpu-µs/member")
		b.ReportMetric(float64(rep.DiskBytes)/1e6, "MB")
	}
}

// BenchmarkSearch indexes INNONET_BENCH_MEMBERS synthetic members, then reports p50/p95/p99 latency per
// query shape (plain, unaccented, accented, typo, facets, list, typeahead), the indexing rate and the index
// size. Run with -benchtime 1x: one iteration is the whole run, e.g.
//
//	INNONET_BENCH_MEMBERS=100000 go test -run XXX -bench Search -benchtime 1x ./search/
//
// INNONET_BENCH_BATCH sets the changes per Apply (5,000), INNONET_BENCH_ROUNDS the passes over the queries
// (3), and INNONET_BENCH_OPTIMIZE=1 merges the segments after indexing (Index.Optimize).
func BenchmarkSearch(b *testing.B) {
	ms, queries, prefixes := benchInput(b, benchN())
	batch, _ := strconv.Atoi(os.Getenv("INNONET_BENCH_BATCH"))
	rounds, _ := strconv.Atoi(os.Getenv("INNONET_BENCH_ROUNDS"))
	optimize := os.Getenv("INNONET_BENCH_OPTIMIZE") != ""
	for b.Loop() {
		rep, err := RunBench(context.Background(), models.MustTaxonomy(), BenchOptions{
			Dir: filepath.Join(b.TempDir(), "index"), Members: ms, BatchSize: batch, Queries: queries,
			Prefixes: prefixes, Rounds: rounds, Optimize: optimize,
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("\n%s", rep)
		b.ReportMetric(rep.IndexRate, "members/s")
		b.ReportMetric(float64(rep.DiskBytes)/1e6, "MB")
		for _, s := range rep.Shapes {
			b.ReportMetric(s.P95, s.Shape+"-p95-ms")
		}
	}
}
