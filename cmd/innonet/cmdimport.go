package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/records"
	"github.com/hanoi-innovation/innonet/search"
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
	tool, err := openTool(ctx, cfg, e, false)
	if err != nil {
		return err
	}
	defer tool.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	im, err := tool.svc.NewImport(nil)
	if err != nil {
		return err
	}
	bar := newProgress(e.stderr, "importing "+kind, 0)
	im.Progress = func(r app.ImportReport) { bar.update(0, r.Imported) }
	start := time.Now()
	indexed := tool.followWhile(ctx)
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
		fmt.Fprintf(e.stdout, "; %d changes indexed\n", n)
	} else {
		fmt.Fprintln(e.stdout, "; the running server indexes them")
	}
	for _, re := range report.Errors {
		fmt.Fprintln(e.stdout, "  "+re.Error())
	}
	return nil
}

// tool is a store, and the index when it is free, for the command-line tools.
type tool struct {
	store models.Store
	index *search.Index
	svc   *app.Service
}

// openTool opens the store and, when needIndex or when no server holds it, the index.
func openTool(ctx context.Context, cfg Config, e env, needIndex bool) (*tool, error) {
	logger, err := newLogger(e.stderr, "warn")
	if err != nil {
		return nil, err
	}
	tax, err := models.LoadTaxonomy()
	if err != nil {
		return nil, err
	}
	t := &tool{}
	if t.store, err = openStore(ctx, cfg); err != nil {
		return nil, err
	}
	if t.index, err = openIndex(cfg, tax); err != nil {
		if needIndex || !errors.Is(err, search.ErrLocked) {
			t.Close()
			return nil, err
		}
		t.index = nil
	}
	if t.svc, _, err = newService(cfg, t.store, tax, models.SystemClock{}, logger); err != nil {
		t.Close()
		return nil, err
	}
	if t.index != nil {
		t.svc.Index = t.index
	}
	return t, nil
}

// followWhile keeps the index caught up with the store in the background, so that indexing overlaps the
// store writes; the returned function stops it after a last catch-up and says how many changes it applied.
func (t *tool) followWhile(ctx context.Context) func() (int, error) {
	if t.index == nil {
		return func() (int, error) { return 0, nil }
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var total int
	var err error
	wg.Go(func() {
		for {
			n, e := t.svc.CatchUp(ctx, nil)
			total += n
			if e != nil {
				err = e
				return
			}
			select {
			case <-stop:
				return
			case <-t.svc.IndexKicked():
			case <-time.After(time.Second):
			}
		}
	})
	return func() (int, error) {
		close(stop)
		wg.Wait()
		if err != nil {
			return total, err
		}
		n, e := t.svc.CatchUp(ctx, nil)
		return total + n, e
	}
}

func (t *tool) Close() {
	if t.index != nil {
		_ = t.index.Close()
	}
	if t.store != nil {
		_ = t.store.Close()
	}
}
