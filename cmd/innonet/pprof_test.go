package main

import (
	"context"
	"log/slog"
	"testing"
)

// TestPprofLoopbackOnly: profiles are served on a loopback address and refused on any other.
func TestPprofLoopbackOnly(t *testing.T) {
	in := &Instance{Logger: slog.New(slog.DiscardHandler)}
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:6060", "example.com:6060", "nonsense"} {
		if stop, err := in.servePprof(context.Background(), addr); err == nil {
			stop()
			t.Errorf("--pprof-addr %s was accepted", addr)
		}
	}
	stop, err := in.servePprof(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	stop()
}
