package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// The targets of issue 7.
const (
	targetRate = 500
	targetP99  = 150 * time.Millisecond
)

// report is the outcome of a run.
type report struct {
	Requests  int
	Elapsed   time.Duration
	Rate      float64
	Overall   latency
	ByKind    map[string]latency
	Errors    map[int]int // by status; 0 is no answer
	ServerCPU time.Duration
	LoadCPU   time.Duration
	// ServerPeakMB is the server's peak resident memory in MiB (Linux), 0 when unknown.
	ServerPeakMB int
	// Cache is the server's postings cache after the traffic, from its /metrics.
	Cache cacheMetrics
}

// cacheMetrics are the search engine's postings cache metrics; all 0 when /metrics lacked them.
type cacheMetrics struct {
	Bytes, Hits, Misses float64
}

// latency is the count and percentiles of one set of requests.
type latency struct {
	N             int
	P50, P95, P99 time.Duration
}

func latencyOf(d []time.Duration) latency {
	s := opkit.Sorted(d)
	return latency{N: len(s), P50: opkit.Percentile(s, 50), P95: opkit.Percentile(s, 95), P99: opkit.Percentile(s, 99)}
}

func newReport(samples []sample, elapsed, serverCPU time.Duration) *report {
	r := &report{Requests: len(samples), Elapsed: elapsed, ByKind: map[string]latency{}, Errors: map[int]int{},
		ServerCPU: serverCPU, LoadCPU: ownCPU()}
	r.Rate = float64(len(samples)) / elapsed.Seconds()
	all := make([]time.Duration, 0, len(samples))
	byKind := map[string][]time.Duration{}
	for _, s := range samples {
		all = append(all, s.took)
		byKind[s.kind] = append(byKind[s.kind], s.took)
		if s.status == 0 || s.status >= 400 {
			r.Errors[s.status]++
		}
	}
	r.Overall = latencyOf(all)
	for k, d := range byKind {
		r.ByKind[k] = latencyOf(d)
	}
	return r
}

// ErrorCount is the number of failed requests.
func (r *report) ErrorCount() int {
	n := 0
	for _, v := range r.Errors {
		n += v
	}
	return n
}

func (r *report) print(out io.Writer, c config) {
	fmt.Fprintf(out, "\nloadtest: %d members, %d clients, %.0fs: %d requests, %.0f req/s, %d errors\n",
		c.Members, c.Clients, r.Elapsed.Seconds(), r.Requests, r.Rate, r.ErrorCount())
	fmt.Fprintf(out, "%-20s %8s %9s %9s %9s\n", "kind", "requests", "p50 ms", "p95 ms", "p99 ms")
	kinds := make([]string, 0, len(r.ByKind))
	for k := range r.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	row := func(name string, l latency) {
		fmt.Fprintf(out, "%-20s %8d %9.1f %9.1f %9.1f\n", name, l.N, opkit.Ms(l.P50), opkit.Ms(l.P95), opkit.Ms(l.P99))
	}
	for _, k := range kinds {
		row(k, r.ByKind[k])
	}
	row("overall", r.Overall)
	if len(r.Errors) > 0 {
		var parts []string
		for st, n := range r.Errors {
			name := strconv.Itoa(st)
			if st == 0 {
				name = "no answer"
			}
			parts = append(parts, fmt.Sprintf("%s: %d", name, n))
		}
		slices.Sort(parts)
		fmt.Fprintf(out, "errors by status: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(out, "CPU: server %.1fs (%.2f cores), load generator %.1fs (%.2f cores) of %.0fs\n",
		r.ServerCPU.Seconds(), r.ServerCPU.Seconds()/r.Elapsed.Seconds(), r.LoadCPU.Seconds(),
		r.LoadCPU.Seconds()/r.Elapsed.Seconds(), r.Elapsed.Seconds())
	if r.ServerPeakMB > 0 {
		fmt.Fprintf(out, "server memory: %d MiB resident at its peak\n", r.ServerPeakMB)
	}
	if c := r.Cache; c.Hits+c.Misses > 0 {
		fmt.Fprintf(out, "search postings cache: %.0f MiB, %.1f%% of %.0f lookups answered\n", c.Bytes/(1<<20),
			100*c.Hits/(c.Hits+c.Misses), c.Hits+c.Misses)
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Fprintf(out, "target >= %d req/s: %s; p99 <= %v: %s; 0 errors: %s\n", targetRate, verdict(r.Rate >= targetRate),
		targetP99, verdict(r.Overall.P99 <= targetP99), verdict(r.ErrorCount() == 0))
}

// captureProfile fetches a CPU profile of the server for the run's duration from its --pprof-addr.
func captureProfile(ctx context.Context, addr string, d time.Duration, path string) error {
	secs := max(1, int(d.Round(time.Second)/time.Second))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, secs), nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: d + 30*time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /debug/pprof/profile: %s", resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printProfile prints the top functions of the server's CPU profile.
func printProfile(ctx context.Context, c config, out io.Writer) {
	if _, err := os.Stat(c.CPUProfile); err != nil {
		fmt.Fprintf(out, "no CPU profile: %v\n", err)
		return
	}
	fmt.Fprintf(out, "\nserver CPU profile %s (go tool pprof %s %s):\n", c.CPUProfile, c.Bin, c.CPUProfile)
	for _, args := range [][]string{{"-top", "-nodecount=25"}, {"-top", "-cum", "-nodecount=25"}} {
		cmd := exec.CommandContext(ctx, "go", append(append([]string{"tool", "pprof"}, args...), c.Bin, c.CPUProfile)...)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(out, "go tool pprof: %v\n", err)
		}
	}
}

// processCPU is the user and system CPU time a process has used so far (Linux), or 0.
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

// peakResidentMB is a process's peak resident memory so far in MiB (Linux's VmHWM), or 0.
func peakResidentMB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb >> 10
		}
	}
	return 0
}

func ownCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scrapeCache reads the postings cache metrics from the server's /metrics; zero when it cannot.
func scrapeCache(ctx context.Context, cl *opkit.Client) cacheMetrics {
	var c cacheMetrics
	resp, err := cl.Do(ctx, "GET", "/metrics", "", nil, nil)
	if err != nil || resp.Status != 200 {
		return c
	}
	for line := range strings.Lines(string(resp.Body)) {
		name, value, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "innonet_search_postings_cache_bytes":
			c.Bytes = v
		case "innonet_search_postings_cache_hits_total":
			c.Hits = v
		case "innonet_search_postings_cache_misses_total":
			c.Misses = v
		}
	}
	return c
}
