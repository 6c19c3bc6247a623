package main

import (
	"runtime/debug"
	"testing"
)

// TestSetGCYieldsToTheEnvironment: the collector settings apply unless GOGC or GOMEMLIMIT is set, and the
// returned function puts the previous ones back.
func TestSetGCYieldsToTheEnvironment(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	undo := setGC(env{getenv: func(string) string { return "" }}, 321, 3<<30)
	if got := debug.SetGCPercent(321); got != 321 {
		t.Errorf("GOGC unset: the percent is %d, want 321", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("GOMEMLIMIT unset: the limit is %d, want %d", got, 3<<30)
	}
	undo()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after undo: the percent is %d, want 100", got)
	}
	set := func(name string) string {
		if name == "GOGC" || name == "GOMEMLIMIT" {
			return "50"
		}
		return ""
	}
	undo = setGC(env{getenv: set}, 321, 3<<30)
	defer undo()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set: the percent was changed to %d", got)
	}
}
