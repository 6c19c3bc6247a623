package opkit

import (
	"slices"
	"time"
)

// Percentile returns the p-th percentile (nearest rank) of sorted durations.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// Sorted returns a sorted copy.
func Sorted(d []time.Duration) []time.Duration {
	out := slices.Clone(d)
	slices.Sort(out)
	return out
}

// Ms formats a duration in milliseconds with one decimal.
func Ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
