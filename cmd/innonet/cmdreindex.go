package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// cmdReindex rebuilds the search index from the store, with a progress bar.
func cmdReindex(ctx context.Context, args []string, e env) error {
	var cfg Config
	if err := cfg.parse(cfg.flagSet("reindex", e.stderr, e.getenv), args); err != nil {
		return err
	}
	dir := filepath.Join(cfg.Data, "index")
	probe, err := openTool(ctx, cfg, e, indexRequired)
	if err != nil {
		return err
	}
	last, err := probe.store.LastSeq(ctx)
	probe.Close()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("removing the old index: %w", err)
	}
	t, err := openTool(ctx, cfg, e, indexRequired)
	if err != nil {
		return err
	}
	defer t.Close()
	defer bulkGC(e)()
	start := time.Now()
	bar := newProgress(e.stderr, "indexing", last)
	n, err := t.svc.CatchUp(ctx, func(seq int64) { bar.update(seq, int(seq)) })
	bar.finish()
	if err != nil {
		return err
	}
	docs, _ := t.index.DocCount()
	fmt.Fprintf(e.stdout, "reindexed %d changes into %d documents in %.1fs\n", n, docs, time.Since(start).Seconds())
	return nil
}
