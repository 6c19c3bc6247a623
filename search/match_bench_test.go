package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/search/synth"
)

// BenchmarkMatch indexes INNONET_BENCH_MEMBERS synthetic members (as the perf check generates them) and the
// evaluation challenges, then reports p50/p95/p99 latency of SolversFor at limit 100 (a challenge's page of
// suggested solvers) and 20,000 (a notification fan-out), and of ChallengesFor at limit 100. Run with
// -benchtime 1x: one iteration is the whole run.
func BenchmarkMatch(b *testing.B) {
	base, err := synth.LoadMembers(evalFile(b, "members.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	ms := synth.NewGenerator(synth.NewVocabulary(base), synth.Seed).Members(benchN())
	cs := loadChallenges(b, evalFile(b, "challenges.jsonl"))
	ctx := context.Background()
	for b.Loop() {
		ix := openTestIndex(b, filepath.Join(b.TempDir(), "index"))
		start := time.Now()
		for i := 0; i < len(ms); i += 2000 {
			if err := ix.Apply(ctx, memberChanges(ms[i:min(i+2000, len(ms))], int64(i+1))); err != nil {
				b.Fatal(err)
			}
		}
		if err := ix.Apply(ctx, challengeChanges(cs, int64(len(ms)+1))); err != nil {
			b.Fatal(err)
		}
		b.Logf("indexed %d members in %.1fs", len(ms), time.Since(start).Seconds())
		shapes := []struct {
			name   string
			rounds int
			run    func(i int) (int, error)
		}{
			{"solvers-100", 5, func(i int) (int, error) {
				cands, err := ix.SolversFor(ctx, cs[i%len(cs)], 100)
				return len(cands), err
			}},
			{"solvers-20000", 1, func(i int) (int, error) {
				cands, err := ix.SolversFor(ctx, cs[i%len(cs)], 20000)
				return len(cands), err
			}},
			{"challenges-100", 5, func(i int) (int, error) {
				cands, err := ix.ChallengesFor(ctx, ms[(i*7919)%len(ms)], 100)
				return len(cands), err
			}},
		}
		for _, sh := range shapes {
			var lat []float64
			hits := 0
			for i := range sh.rounds * len(cs) {
				t := time.Now()
				n, err := sh.run(i)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, float64(time.Since(t).Microseconds())/1000)
				hits += n
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
			b.Logf("%-15s n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, mean candidates %d", sh.name, len(lat),
				pct(0.5), pct(0.95), pct(0.99), hits/len(lat))
			b.ReportMetric(pct(0.95), sh.name+"-p95-ms")
		}
		ix.Close()
	}
}

