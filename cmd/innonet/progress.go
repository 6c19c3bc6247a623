package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line progress bar on a terminal, at most ten times a second; elsewhere it is silent.
type progress struct {
	w     io.Writer
	label string
	total int64
	start time.Time
	last  time.Time
	on    bool
}

func newProgress(w io.Writer, label string, total int64) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, label: label, total: total, start: time.Now(), on: ok && term.IsTerminal(int(f.Fd()))}
}

// update shows done of total (units of the total: bytes or records), and a count of records with its rate.
func (p *progress) update(done int64, records int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := float64(records) / time.Since(p.start).Seconds()
	if p.total > 0 {
		const width = 30
		filled := int(min(done, p.total) * width / p.total)
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = ' '
			if i < filled {
				bar[i] = '='
			}
		}
		fmt.Fprintf(p.w, "\r%s [%s] %3d%%  %d (%.0f/s)", p.label, bar, done*100/p.total, records, rate)
		return
	}
	fmt.Fprintf(p.w, "\r%s %d (%.0f/s)", p.label, records, rate)
}

// complete draws the last state whatever the time since the previous one, and ends the line.
func (p *progress) complete(done int64, records int) {
	p.last = time.Time{}
	p.update(done, records)
	p.finish()
}

// finish ends the line.
func (p *progress) finish() {
	if p.on {
		fmt.Fprintln(p.w)
	}
}
