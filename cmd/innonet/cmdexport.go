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
	tool, err := openTool(ctx, cfg, e, indexNone)
	if err != nil {
		return err
	}
	defer tool.Close()
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
	tool.svc.AuditOperator(ctx, models.AuditExport, models.TargetRecords, kind, map[string]string{"format": string(f), "by": "command line"})
	return nil
}
