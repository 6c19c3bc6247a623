// Command crashtest checks durability through the real binary: cycles of concurrent writes (profile updates,
// challenge publications that fan out match notifications and mails, interests) against bin/innonet serve on
// a loopback port with an in-process SMTP server, each ended by kill -9 at a random moment and followed by a
// restart on a fresh port. After each restart every acknowledged write must be there and the search index
// must equal the store; at the end, once the outbox has drained, every mail in the outbox must have been
// received exactly once.
//
//	go run ./tools/crashtest -cycles 50
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
	Bin      string
	Host     string
	Data     string
	Cycles   int
	Solvers  int
	Agencies int
	// The kill comes at a random moment between MinRun and MaxRun after the writers started.
	MinRun, MaxRun time.Duration
	// Drain bounds the wait for the outbox and the jobs at the end (their leases are 1 and 2 minutes).
	Drain time.Duration
	Seed  uint64
}

func main() {
	var c config
	flag.StringVar(&c.Bin, "bin", "bin/innonet", "the innonet binary")
	flag.StringVar(&c.Host, "host", "127.0.0.1", "loopback host (nothing else is accepted)")
	flag.StringVar(&c.Data, "data", "", "data dir (default: a new temporary one, removed at the end)")
	flag.IntVar(&c.Cycles, "cycles", 50, "kill -9 cycles")
	flag.IntVar(&c.Solvers, "solvers", 6, "startup and expert accounts writing")
	flag.IntVar(&c.Agencies, "agencies", 2, "verified agencies publishing challenges")
	flag.DurationVar(&c.MinRun, "min-run", 500*time.Millisecond, "earliest kill after the writers start")
	flag.DurationVar(&c.MaxRun, "max-run", 3*time.Second, "latest kill after the writers start")
	flag.DurationVar(&c.Drain, "drain", 4*time.Minute, "longest wait for the outbox and jobs to drain at the end")
	flag.Uint64Var(&c.Seed, "seed", uint64(time.Now().UnixNano()), "seed of the kill moments and the writes")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := run(ctx, c, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(1)
	}
	if !s.ok() {
		os.Exit(1)
	}
}

// run sets up, runs the cycles, drains and reports.
func run(ctx context.Context, c config, out io.Writer) (*summary, error) {
	if err := opkit.CheckLoopback(c.Host); err != nil {
		return nil, err
	}
	if c.Cycles < 1 || c.Solvers < 1 || c.Agencies < 1 || c.MaxRun < c.MinRun {
		return nil, fmt.Errorf("-cycles, -solvers and -agencies must be positive and -max-run >= -min-run")
	}
	if c.Data == "" {
		dir, err := os.MkdirTemp("", "innonet-crashtest-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		c.Data = dir + "/data"
	}
	w, err := setUp(ctx, c, out)
	if err != nil {
		return nil, err
	}
	defer w.close()
	for i := 1; i <= c.Cycles; i++ {
		if err := w.cycle(ctx, i); err != nil {
			return nil, fmt.Errorf("cycle %d: %w", i, err)
		}
	}
	return w.finish(ctx)
}
