package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/store/mongo"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// migrateBatch is how many records go to the target in one write.
const migrateBatch = 500

// cmdMigrate copies an embedded deployment into an empty MongoDB database: every record with its id, version,
// times and change sequence, then the attachments, then compares the counts.
func cmdMigrate(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("migrate", e.stderr, e.getenv)
	uri := fs.String("to-mongodb", "", "the MongoDB to copy the embedded store into (a mongodb:// or mongodb+srv:// URI)")
	database := fs.String("database", "", "the database name (default: from the URI, else innonet)")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *uri == "" {
		return usageError{"--to-mongodb is required: the URI of the MongoDB to copy the embedded store into"}
	}
	dbPath := filepath.Join(cfg.Data, "innonet.db")
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("no embedded store at %s to migrate: %w", dbPath, err)
	}
	release, err := holdIndex(cfg)
	if err != nil {
		return err
	}
	defer release()
	src, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer src.Close()
	opts := []mongo.Option{mongo.WithLogger(slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelError})))}
	if *database != "" {
		opts = append(opts, mongo.WithDatabase(*database))
	}
	dst, err := mongo.Open(ctx, *uri, opts...)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	res, err := migrate(ctx, src, dst, migrateFiles{data: cfg.Data, sink: attachmentSinkOf(dst.Blobs())}, e)
	if err != nil {
		return err
	}
	printCounts(e.stdout, res.source, res.target)
	fmt.Fprintf(e.stdout, "migrated %d records and %d attachments in %.1fs; serve with --mongodb-uri (the first start rebuilds the search index if DATA/index is new)\n",
		res.source.Total(), res.attachments, time.Since(start).Seconds())
	return nil
}

// migrateResult is what a migration copied.
type migrateResult struct {
	source, target models.RecordCounts
	attachments    int
}

// migrateFiles says where the attachments come from and where they go.
type migrateFiles struct {
	data string
	sink attachmentSink
}

// migrate copies every record of src into dst, which must be empty, then the attachments, and compares the
// counts of what was dumped with what dst holds.
func migrate(ctx context.Context, src models.Dumper, dst models.Loader, files migrateFiles, e env) (*migrateResult, error) {
	before, err := dst.CountRecords(ctx)
	if err != nil {
		return nil, err
	}
	if before.Total() > 0 || before[models.RecordSequence] > 0 {
		return nil, fmt.Errorf("the target database is not empty (%s): migrate copies only into an empty database",
			describeCounts(countsByName(before)))
	}
	names, paths, err := dirFiles(filepath.Join(files.data, "attachments"), "attachments")
	if err != nil {
		return nil, fmt.Errorf("listing the attachments: %w", err)
	}
	if len(names) > 0 && files.sink == nil {
		return nil, fmt.Errorf("%s holds %d attachments, but the target has no attachment storage to copy them to",
			filepath.Join(files.data, "attachments"), len(names))
	}
	keys, err := attachmentKeys(names)
	if err != nil {
		return nil, err
	}
	res := &migrateResult{}
	noted := &attachmentNotes{Dumper: src, ids: map[string]bool{}}
	if res.source, err = copyRecords(ctx, noted, dst, e); err != nil {
		return nil, fmt.Errorf("copying the records (the target now holds part of them: drop its database before trying again): %w", err)
	}
	for i, key := range keys {
		if err := copyAttachment(ctx, files.sink, key, paths[i]); err != nil {
			return nil, fmt.Errorf("%w (the target now holds part of the data: drop its database before trying again)", err)
		}
		res.attachments++
		delete(noted.ids, key)
	}
	if len(noted.ids) > 0 {
		fmt.Fprintf(e.stderr, "warning: %d attachments have no file in %s, so the target has none either: %s\n",
			len(noted.ids), filepath.Join(files.data, "attachments"), strings.Join(slices.Sorted(maps.Keys(noted.ids)), ", "))
	}
	if res.target, err = dst.CountRecords(ctx); err != nil {
		return nil, err
	}
	for _, k := range models.RecordKinds() {
		if res.source[k] != res.target[k] {
			printCounts(e.stdout, res.source, res.target)
			return nil, fmt.Errorf("the target holds %d %s records, the source dumped %d", res.target[k], k, res.source[k])
		}
	}
	return res, nil
}

// attachmentNotes is a Dumper that notes the ids of the attachments it dumps, to find those without a file.
type attachmentNotes struct {
	models.Dumper
	ids map[string]bool
}

// Dump dumps the records, noting the attachments'.
func (a *attachmentNotes) Dump(ctx context.Context, emit func(models.Record) error) error {
	return a.Dumper.Dump(ctx, func(r models.Record) error {
		if r.Kind == models.RecordAttachment {
			a.ids[r.Attachment.ID] = true
		}
		return emit(r)
	})
}

// copyRecords streams the dump of src into dst in batches, with a progress bar, and counts what it copied.
func copyRecords(ctx context.Context, src models.Dumper, dst models.Loader, e env) (models.RecordCounts, error) {
	expected, err := src.CountRecords(ctx)
	if err != nil {
		return nil, err
	}
	copied := models.RecordCounts{}
	bar := newProgress(e.stderr, "migrating", int64(expected.Total()+expected[models.RecordSequence]))
	batch := make([]models.Record, 0, migrateBatch)
	done := 0
	err = src.Dump(ctx, func(r models.Record) error {
		copied[r.Kind]++
		batch = append(batch, r)
		done++
		bar.update(int64(done), done)
		if len(batch) < migrateBatch {
			return nil
		}
		err := dst.Load(ctx, batch)
		batch = batch[:0]
		return err
	})
	if err == nil && len(batch) > 0 {
		err = dst.Load(ctx, batch)
	}
	bar.complete(int64(done), done)
	return copied, err
}

// printCounts writes a table of the counts by kind, source against target.
func printCounts(w io.Writer, source, target models.RecordCounts) {
	fmt.Fprintf(w, "%-14s %10s %10s\n", "records", "source", "target")
	for _, k := range models.RecordKinds() {
		mark := ""
		if source[k] != target[k] {
			mark = "  differs"
		}
		fmt.Fprintf(w, "%-14s %10d %10d%s\n", k, source[k], target[k], mark)
	}
}

func countsByName(c models.RecordCounts) map[string]int {
	out := map[string]int{}
	for k, n := range c {
		if n > 0 {
			out[string(k)] = n
		}
	}
	return out
}

// holdIndex takes the lock of the data dir's search index for the length of the migration, so that no server
// starts writing meanwhile, and refuses when a running server holds it: its writes after the copy would be
// lost. A data dir without an index has nothing to hold.
func holdIndex(cfg Config) (release func(), err error) {
	dir := filepath.Join(cfg.Data, "index")
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return func() {}, nil
	}
	tax, err := models.LoadTaxonomy()
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(dir, tax, search.Options{OpenTimeout: cfg.IndexWait})
	switch {
	case errors.Is(err, search.ErrLocked):
		return nil, fmt.Errorf("a server is running on %s (it holds the search index): stop it before migrating, so that no write made after the copy is lost", cfg.Data)
	case err != nil:
		return func() {}, nil // an index this build cannot read: nobody serves it either
	}
	return func() { _ = ix.Close() }, nil
}
