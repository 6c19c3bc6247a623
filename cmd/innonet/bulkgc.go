package main

import "runtime/debug"

// Bulk work (an import, a reindex) allocates at a high rate. Collecting garbage less often saves about a tenth
// of its CPU (measured on 100,000 members: 30 s of CPU instead of 33 s, 2.7 GB resident instead of 1.3 GB);
// the soft memory limit makes the collector work harder again before the heap grows past it.
const (
	bulkGCPercent  = 400
	bulkSoftMemory = 4 << 30
)

// bulkGC sets the collector for bulk work and returns the function that puts the settings back.
func bulkGC() func() {
	percent := debug.SetGCPercent(bulkGCPercent)
	limit := debug.SetMemoryLimit(bulkSoftMemory)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
