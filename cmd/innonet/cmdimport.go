package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/records"
)

// cmdImport upserts members or challenges from a file into the store, and indexes them unless a running
// server holds the index (it then indexes them itself).
func cmdImport(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("import", e.stderr, e.getenv)
	membersFile := fs.String("members", "", "a JSONL, CSV or XLSX file of members")
	challengesFile := fs.String("challenges", "", "a JSONL, CSV or XLSX file of challenges (their agencies must exist)")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if (*membersFile == "") == (*challengesFile == "") {
		return usageError{"give one of --members FILE or --challenges FILE"}
	}
	kind, path := "members", *membersFile
	if *challengesFile != "" {
		kind, path = "challenges", *challengesFile
	}
	tool, err := openTool(ctx, cfg, e, indexIfFree)
	if err != nil {
		return err
	}
	defer tool.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	im := tool.svc.NewOperatorImport()
	defer bulkGC(e)()
	im.Kind, im.File = kind, filepath.Base(path)
	bar := newProgress(e.stderr, "importing "+kind, 0)
	im.Progress = func(r app.ImportReport) { bar.update(0, r.Imported) }
	start := time.Now()
	indexed := tool.indexAlong(ctx, im)
	err = records.Import(ctx, im, kind, filepath.Base(path), data)
	report, ferr := im.Finish(ctx)
	n, ierr := indexed()
	if ierr == nil && tool.index != nil {
		ierr = tool.index.Optimize(ctx)
	}
	bar.finish()
	if err = errors.Join(err, ferr, ierr); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d rows, %d imported, %d rejected in %.1fs (%.0f/s)",
		filepath.Base(path), report.Rows, report.Imported, len(report.Errors), time.Since(start).Seconds(),
		float64(report.Imported)/time.Since(start).Seconds())
	if tool.index != nil {
		fmt.Fprintf(e.stdout, "; the index holds %d documents\n", n)
	} else {
		fmt.Fprintln(e.stdout, "; the running server indexes them")
	}
	for _, re := range report.Errors {
		fmt.Fprintln(e.stdout, "  "+re.Error())
	}
	return nil
}
