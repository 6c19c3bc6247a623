package search

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/search/synth"
)

// BenchmarkMatch indexes INNONET_BENCH_MEMBERS synthetic members (as the perf check generates them) and the
// evaluation challenges, then reports p50/p95/p99 latency of SolversFor at limit 100 (a challenge's page of
// suggested solvers) and 20,000 (a notification fan-out), and of ChallengesFor at limit 100. Run with
// -benchtime 1x: one iteration is the whole run. The generated members are let go before timing, as a
// server does not hold them. INNONET_BENCH_DIR keeps the index between runs.
func BenchmarkMatch(b *testing.B) {
	base, err := synth.LoadMembers(evalFile(b, "members.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	cs := loadChallenges(b, evalFile(b, "challenges.jsonl"))
	ctx := context.Background()
	for b.Loop() {
		dir := os.Getenv("INNONET_BENCH_DIR")
		if dir == "" {
			dir = filepath.Join(b.TempDir(), "index")
		}
		ix := openTestIndex(b, dir)
		ms := synth.NewGenerator(synth.NewVocabulary(base), synth.Seed).Members(benchN())
		if n, _ := ix.DocCount(); n < uint64(len(ms)) {
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
		}
		ms = slices.Clone(ms[:200])
		runtime.GC()
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
			var lat, cpu []float64
			hits := 0
			for i := range sh.rounds * len(cs) {
				t, c := time.Now(), cpuTime()
				n, err := sh.run(i)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, float64(time.Since(t).Microseconds())/1000)
				cpu = append(cpu, float64((cpuTime()-c).Microseconds())/1000)
				hits += n
			}
			slices.Sort(lat)
			slices.Sort(cpu)
			pct := func(xs []float64, p float64) float64 { return xs[min(len(xs)-1, int(p*float64(len(xs))))] }
			b.Logf("%-15s n=%d wall p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; process CPU p50 %.1f ms, p95 %.1f ms; mean candidates %d",
				sh.name, len(lat), pct(lat, 0.5), pct(lat, 0.95), pct(lat, 0.99), pct(cpu, 0.5), pct(cpu, 0.95), hits/len(lat))
			b.ReportMetric(pct(lat, 0.95), sh.name+"-p95-ms")
		}
		ix.Close()
	}
}

// cpuTime is the CPU time the process has used, so that a shared machine's load does not count.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
