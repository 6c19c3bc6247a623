package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// benchN is the number of synthetic members of the benchmarks: INNONET_BENCH_N, 10,000 by default.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("INNONET_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// syntheticMembers generates n members deterministically from the vocabulary of the evaluation members:
// names, headlines, description sentences, skills, sectors and wards recombined at random.
func syntheticMembers(t testing.TB, n int) []*models.Member {
	src := loadMembers(t, evalFile(t, "members.jsonl"))
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	pick := func() *models.Member { return src[rng.IntN(len(src))] }
	var sentences []string
	for _, m := range src {
		for _, s := range strings.SplitAfter(m.Description, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				sentences = append(sentences, s)
			}
		}
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*models.Member, n)
	for i := range out {
		a, b := pick(), pick()
		m := *a
		m.ID = fmt.Sprintf("%s-%07d", models.MemberIDPrefix(a.Kind), i)
		na, nb := strings.Fields(a.Name), strings.Fields(b.Name)
		m.Name = na[0] + " " + nb[len(nb)-1] + " " + strconv.Itoa(i%97)
		if rng.IntN(2) == 0 {
			m.Headline = b.Headline
		}
		var desc []string
		for k := 2 + rng.IntN(4); k > 0; k-- {
			desc = append(desc, sentences[rng.IntN(len(sentences))])
		}
		m.Description = strings.Join(desc, " ")
		m.Skills = append(slices.Clone(a.Skills[:min(3, len(a.Skills))]), b.Skills[:min(2, len(b.Skills))]...)
		m.Sectors = append(slices.Clone(a.Sectors[:1]), b.Sectors[0])
		m.Ward = pick().Ward
		m.UpdatedAt = base.Add(time.Duration(i) * time.Second)
		m.Normalize()
		out[i] = &m
	}
	return out
}

// buildBenchIndex indexes members in batches of 1,000 and returns the index and the members per second.
func buildBenchIndex(b *testing.B, ms []*models.Member) (*Index, float64) {
	ix := openTestIndex(b, filepath.Join(b.TempDir(), "index"))
	start := time.Now()
	for i := 0; i < len(ms); i += 1000 {
		if err := ix.Apply(context.Background(), memberChanges(ms[i:min(i+1000, len(ms))], int64(i+1))); err != nil {
			b.Fatal(err)
		}
	}
	return ix, float64(len(ms)) / time.Since(start).Seconds()
}

// BenchmarkIndexing measures indexing throughput: INNONET_BENCH_N members in batches of 1,000.
func BenchmarkIndexing(b *testing.B) {
	ms := syntheticMembers(b, benchN())
	for b.Loop() {
		ix, rate := buildBenchIndex(b, ms)
		b.ReportMetric(rate, "members/s")
		ix.Close()
	}
}

// BenchmarkSearch measures query latency percentiles per query shape over INNONET_BENCH_N members.
func BenchmarkSearch(b *testing.B) {
	ms := syntheticMembers(b, benchN())
	ix, rate := buildBenchIndex(b, ms)
	defer ix.Close()
	b.Logf("indexed %d members at %.0f members/s", len(ms), rate)
	queries, err := LoadQueries(evalFile(b, "search_queries.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	byType := map[string][]string{}
	for _, q := range queries {
		byType[q.Type] = append(byType[q.Type], q.Text)
		byType["plain"] = append(byType["plain"], q.Text)
	}
	var prefixes []string
	for i := 0; i < 60; i++ {
		words := strings.Fields(ms[i*len(ms)/60].Name + " " + ms[i].Skills[0])
		w := []rune(words[i%len(words)])
		prefixes = append(prefixes, string(w[:min(len(w), 2+i%4)]))
	}
	ctx := context.Background()
	shapes := []struct {
		name  string
		texts []string
		run   func(string) error
	}{
		{"plain", byType["plain"], func(s string) error { _, err := ix.SearchMembers(ctx, MemberQuery{Text: s}); return err }},
		{"unaccented", byType["unaccented"], func(s string) error { _, err := ix.SearchMembers(ctx, MemberQuery{Text: s}); return err }},
		{"accented", byType["accented"], func(s string) error { _, err := ix.SearchMembers(ctx, MemberQuery{Text: s}); return err }},
		{"typo", byType["typo"], func(s string) error { _, err := ix.SearchMembers(ctx, MemberQuery{Text: s}); return err }},
		{"facets", byType["plain"], func(s string) error {
			_, err := ix.SearchMembers(ctx, MemberQuery{Text: s, Facets: []string{"kind", "sector", "ward", "stage"}})
			return err
		}},
		{"typeahead", prefixes, func(s string) error { _, err := ix.Suggest(ctx, s, 10); return err }},
	}
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				start := time.Now()
				if err := sh.run(sh.texts[i%len(sh.texts)]); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				i++
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.5), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}
