// Command loadtest runs mixed traffic against bin/innonet serve on a loopback port, over a data dir of
// synthetic members (the generator of `innonet bench`), and reports throughput, latency percentiles overall
// and per kind of request, errors by status and, with -cpuprofile, where the server spent its CPU.
//
//	go run ./tools/loadtest -members 100000 -duration 60s -clients 16 -cpuprofile /tmp/server.pprof
//
// 70% of the requests are searches (plain, unaccented, accented, with a typo, with facets, typeahead), 20%
// reads of a member or a challenge, 10% profile updates by accounts registered during set-up, each with the
// ETag it last saw as If-Match. Only loopback hosts are accepted. With -cpuprofile the server runs with
// --pprof-addr on another loopback port and its CPU is profiled over the traffic's duration.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// config is what a run does.
type config struct {
	Bin        string
	Host       string
	Members    int
	Duration   time.Duration
	Clients    int
	Accounts   int
	Cache      string
	Vocabulary string
	CPUProfile string
	Seed       uint64
}

func main() {
	var c config
	flag.StringVar(&c.Bin, "bin", "bin/innonet", "the innonet binary")
	flag.StringVar(&c.Host, "host", "127.0.0.1", "loopback host to serve on (nothing else is accepted)")
	flag.IntVar(&c.Members, "members", 100000, "synthetic members in the data dir")
	flag.DurationVar(&c.Duration, "duration", 60*time.Second, "how long the traffic runs")
	flag.IntVar(&c.Clients, "clients", 16, "concurrent clients (each sends its next request when the last answered)")
	flag.IntVar(&c.Accounts, "accounts", 0, "accounts registered for the writes (default: one per client)")
	flag.StringVar(&c.Cache, "cache", ".cache/loadtest", "where prepared data dirs are kept between runs")
	flag.StringVar(&c.Vocabulary, "vocabulary", "", "a members.jsonl the synthetic members are made from (default: the demo data, as innonet bench)")
	flag.StringVar(&c.CPUProfile, "cpuprofile", "", "capture a CPU profile of the server during the traffic (through its --pprof-addr) into this file and print its top functions")
	flag.Uint64Var(&c.Seed, "seed", 1, "seed of the traffic mix")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run prepares the data, serves it, sends the traffic and prints the report.
func run(ctx context.Context, c config, out io.Writer) (*report, error) {
	if c.Members < 1 || c.Clients < 1 || c.Duration <= 0 {
		return nil, fmt.Errorf("-members, -clients and -duration must be positive")
	}
	if err := opkit.CheckLoopback(c.Host); err != nil {
		return nil, err
	}
	if c.Accounts <= 0 {
		c.Accounts = c.Clients
	}
	data, cleanup, err := prepare(ctx, c, out)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	return serveAndLoad(ctx, c, data, out)
}
