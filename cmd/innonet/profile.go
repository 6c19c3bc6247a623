package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the whole command to the file INNONET_CPU_PROFILE names, for
// finding where an import or a benchmark spends its time (`go tool pprof bin/innonet FILE`). The returned
// function stops it.
func startCPUProfile(e env) func() {
	path := e.getenv("INNONET_CPU_PROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "innonet: no CPU profile:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		closeQuietly(f)
	}
}

func closeQuietly(c io.Closer) { _ = c.Close() }
