package main

import (
	"bufio"
	"context"
	"fmt"
	"os"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/records"
)

// cmdExport writes every member or challenge to a file (or standard output) in the import format.
func cmdExport(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("export", e.stderr, e.getenv)
	members := fs.Bool("members", false, "export the members")
	challenges := fs.Bool("challenges", false, "export the challenges")
	format := fs.String("format", "jsonl", "jsonl, csv or xlsx")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *members == *challenges {
		return usageError{"give one of --members or --challenges"}
	}
	f, err := records.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	kind := "members"
	if *challenges {
		kind = "challenges"
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	tool := &tool{store: st}
	tax, err := models.LoadTaxonomy()
	if err != nil {
		return err
	}
	logger, _ := newLogger(e.stderr, "warn")
	if tool.svc, _, err = newService(cfg, st, tax, models.SystemClock{}, logger); err != nil {
		return err
	}
	w := bufio.NewWriterSize(e.stdout, 1<<16)
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = bufio.NewWriterSize(file, 1<<16)
	}
	scan := func(member func(*models.Member) error, challenge func(*models.Challenge) error) error {
		return tool.svc.ExportAll(ctx, nil, member, challenge)
	}
	if err := records.Export(w, kind, f, scan); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}
