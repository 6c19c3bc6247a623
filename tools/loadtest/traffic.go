package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search/synth"
	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// The kinds of request, and their share of the traffic in percent (searches 70, reads 20, writes 10).
var mix = []struct {
	kind  string
	share int
}{
	{"search/plain", 12}, {"search/unaccented", 12}, {"search/accented", 12}, {"search/typo", 12},
	{"search/facets", 11}, {"search/typeahead", 11},
	{"read/member", 10}, {"read/challenge", 10},
	{"write/profile", 10},
}

// pathsPerShape is how many search requests are drawn in advance per shape.
const pathsPerShape = 4000

// plan is the requests the clients draw from.
type plan struct {
	searches   map[string][]string
	members    int
	challenges []string
	accounts   chan *writer
	texts      []string
}

// writer is an account of the run with the ETag of its profile as it last saw it.
type writer struct {
	opkit.Account
	etag string
	n    int
}

// sample is one request's outcome.
type sample struct {
	kind   string
	status int // 0 when the request did not get an answer
	took   time.Duration
}

func serveAndLoad(ctx context.Context, c config, data string, out io.Writer) (*report, error) {
	srv := &opkit.Server{Bin: c.Bin, Data: data, Host: c.Host, Args: []string{"--log-level", "warn"}}
	var pprofAddr string
	if c.CPUProfile != "" {
		port, err := opkit.FreePort(c.Host)
		if err != nil {
			return nil, err
		}
		pprofAddr = net.JoinHostPort(c.Host, strconv.Itoa(port))
		srv.Args = append(srv.Args, "--pprof-addr", pprofAddr)
	}
	start := time.Now()
	if err := srv.Start(ctx, 5*time.Minute); err != nil {
		return nil, err
	}
	defer srv.Kill()
	fmt.Fprintf(out, "server: %s ready in %.1fs\n", srv.URL(), time.Since(start).Seconds())
	cl := opkit.NewClient(srv.URL(), c.Clients*2)
	p, err := setUp(ctx, c, cl)
	if err != nil {
		return nil, err
	}
	profiled := make(chan error, 1)
	if pprofAddr != "" {
		go func() { profiled <- captureProfile(ctx, pprofAddr, c.Duration, c.CPUProfile) }()
	}
	cpu0 := processCPU(srv.PID())
	samples, elapsed := load(ctx, c, cl, p)
	cpu, peak := processCPU(srv.PID())-cpu0, peakResidentMB(srv.PID())
	cache := scrapeCache(ctx, cl)
	if pprofAddr != "" {
		if err := <-profiled; err != nil {
			fmt.Fprintln(out, "no CPU profile:", err)
		}
	}
	if err := srv.Stop(30 * time.Second); err != nil {
		return nil, err
	}
	r := newReport(samples, elapsed, cpu)
	r.ServerPeakMB, r.Cache = peak, cache
	r.print(out, c)
	if c.CPUProfile != "" {
		printProfile(ctx, c, out)
	}
	return r, nil
}

// setUp registers and publishes the writers' accounts, finds the challenges and draws the search texts.
func setUp(ctx context.Context, c config, cl *opkit.Client) (*plan, error) {
	base, err := vocabulary(c.Vocabulary)
	if err != nil {
		return nil, err
	}
	p := &plan{searches: map[string][]string{}, members: c.Members, accounts: make(chan *writer, c.Accounts)}
	p.texts = synth.QueryTexts(base)
	rng := rand.New(rand.NewPCG(c.Seed, 2))
	gen := synth.NewGenerator(synth.NewVocabulary(base), c.Seed)
	pick := func() string { return p.texts[rng.IntN(len(p.texts))] }
	search := func(q string, extra string) string {
		return "/api/v1/members?per_page=10&q=" + url.QueryEscape(q) + extra
	}
	for range pathsPerShape {
		p.searches["search/plain"] = append(p.searches["search/plain"], search(pick(), ""))
		p.searches["search/unaccented"] = append(p.searches["search/unaccented"], search(models.Fold(pick()), ""))
		p.searches["search/accented"] = append(p.searches["search/accented"], search(strings.ToLower(pick()), ""))
		p.searches["search/typo"] = append(p.searches["search/typo"], search(synth.Typo(pick(), rng), ""))
		p.searches["search/facets"] = append(p.searches["search/facets"], search(pick(), "&facets=kind,sector,ward"))
		p.searches["search/typeahead"] = append(p.searches["search/typeahead"], "/api/v1/suggest?limit=8&q="+url.QueryEscape(gen.Prefix()))
	}
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if _, err := cl.Expect(ctx, http.StatusOK, http.MethodGet, "/api/v1/challenges?per_page=100", "", nil, &list); err != nil {
		return nil, err
	}
	for _, it := range list.Items {
		p.challenges = append(p.challenges, it.ID)
	}
	if len(p.challenges) == 0 {
		return nil, fmt.Errorf("the data dir holds no challenges to read")
	}
	run := time.Now().UnixNano()
	for i := range c.Accounts {
		w := &writer{Account: opkit.Account{Email: fmt.Sprintf("load-%d-%d@loadtest.invalid", run, i),
			Password: fmt.Sprintf("Load-test-%d-2026!", i), Name: fmt.Sprintf("Tải thử %d", i), Kind: "startup"}}
		if err := cl.Register(ctx, &w.Account); err != nil {
			return nil, fmt.Errorf("registering a writer: %w", err)
		}
		body := map[string]any{"headline": pick(), "skills": []string{pick()}, "description": strings.Repeat(pick()+". ", 3), "version": 1}
		if _, err := cl.Expect(ctx, http.StatusOK, http.MethodPatch, "/api/v1/members/"+w.MemberID, w.Token, body, nil); err != nil {
			return nil, err
		}
		if _, err := cl.Expect(ctx, http.StatusOK, http.MethodPost, "/api/v1/members/"+w.MemberID+"/publish", w.Token, nil, nil); err != nil {
			return nil, err
		}
		r, err := cl.Expect(ctx, http.StatusOK, http.MethodGet, "/api/v1/members/"+w.MemberID, w.Token, nil, nil)
		if err != nil {
			return nil, err
		}
		w.etag = r.Header.Get("ETag")
		p.accounts <- w
	}
	return p, nil
}

// load runs c.Clients closed-loop clients for c.Duration and returns every sample.
func load(ctx context.Context, c config, cl *opkit.Client, p *plan) ([]sample, time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	results := make([][]sample, c.Clients)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range c.Clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(c.Seed, uint64(100+i)))
			for ctx.Err() == nil {
				s := p.one(ctx, cl, rng)
				if ctx.Err() != nil && s.status == 0 {
					break // cut off by the end of the run, not an error
				}
				results[i] = append(results[i], s)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []sample
	for _, r := range results {
		all = append(all, r...)
	}
	return all, elapsed
}

// one sends one request of a kind drawn from the mix.
func (p *plan) one(ctx context.Context, cl *opkit.Client, rng *rand.Rand) sample {
	kind := draw(rng)
	var path string
	switch kind {
	case "read/member":
		path = fmt.Sprintf("/api/v1/members/gen-%07d", rng.IntN(p.members))
	case "read/challenge":
		path = "/api/v1/challenges/" + p.challenges[rng.IntN(len(p.challenges))]
	case "write/profile":
		return p.write(ctx, cl, rng)
	default:
		paths := p.searches[kind]
		path = paths[rng.IntN(len(paths))]
	}
	start := time.Now()
	r, err := cl.Do(ctx, http.MethodGet, path, "", nil, nil)
	return sample{kind: kind, status: statusOf(r, err), took: time.Since(start)}
}

// write updates the profile of an account no other client holds, with the ETag it last saw.
func (p *plan) write(ctx context.Context, cl *opkit.Client, rng *rand.Rand) sample {
	w := <-p.accounts
	defer func() { p.accounts <- w }()
	w.n++
	body := map[string]any{"headline": fmt.Sprintf("%s (%d)", p.texts[rng.IntN(len(p.texts))], w.n)}
	start := time.Now()
	r, err := cl.Do(ctx, http.MethodPatch, "/api/v1/members/"+w.MemberID, w.Token, body, map[string]string{"If-Match": w.etag})
	s := sample{kind: "write/profile", status: statusOf(r, err), took: time.Since(start)}
	switch {
	case s.status == http.StatusOK:
		w.etag = r.Header.Get("ETag")
	case s.status == http.StatusUnauthorized:
		_ = cl.Login(ctx, &w.Account)
	case s.status == http.StatusPreconditionFailed:
		if r, err := cl.Do(ctx, http.MethodGet, "/api/v1/members/"+w.MemberID, w.Token, nil, nil); err == nil {
			w.etag = r.Header.Get("ETag")
		}
	}
	return s
}

func draw(rng *rand.Rand) string {
	n := rng.IntN(100)
	for _, m := range mix {
		if n < m.share {
			return m.kind
		}
		n -= m.share
	}
	return mix[len(mix)-1].kind
}

func statusOf(r *opkit.Response, err error) int {
	if err != nil {
		return 0
	}
	return r.Status
}
