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
	"github.com/hanoi-innovation/innonet/store/files"
	"github.com/hanoi-innovation/innonet/store/mongo"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// migrateBatch is how many records go to the target in one write.
const migrateBatch = 500

// cmdMigrate moves a deployment between the embedded store and MongoDB: --to-mongodb copies the data dir's
// store and attachments into an empty MongoDB database, --from-mongodb copies a MongoDB database and its
// attachments into a new data dir. Every record keeps its id, version, times and change sequence; the counts
// are compared at the end.
func cmdMigrate(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("migrate", e.stderr, e.getenv)
	to := fs.String("to-mongodb", "", "the MongoDB to copy the embedded store into (a mongodb:// or mongodb+srv:// URI)")
	from := fs.String("from-mongodb", "", "the MongoDB to copy into a new embedded store in --data")
	database := fs.String("database", "", "the database name (default: from the URI, else innonet)")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	switch {
	case *to != "" && *from != "":
		return usageError{"give --to-mongodb or --from-mongodb, not both"}
	case *to == "" && *from == "":
		return usageError{"--to-mongodb URI copies the embedded store into MongoDB; --from-mongodb URI copies MongoDB into a new data dir"}
	case *from != "":
		return migrateFromMongo(ctx, cfg, *from, *database, e)
	}
	return migrateToMongo(ctx, cfg, *to, *database, e)
}

// migrateToMongo copies the embedded store of cfg.Data and its attachments into an empty MongoDB database.
func migrateToMongo(ctx context.Context, cfg Config, uri, database string, e env) error {
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
	dst, err := openMongo(ctx, uri, database, e)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	res, err := migrate(ctx, src, dst, migrateFiles{data: cfg.Data, sink: attachmentSinkOf(dst.Blobs()),
		undo: "drop its database"}, e)
	if err != nil {
		return err
	}
	printCounts(e.stdout, res.source, res.target)
	fmt.Fprintf(e.stdout, "migrated %d records and %d attachments in %.1fs; serve with --mongodb-uri (the first start rebuilds the search index if DATA/index is new)\n",
		res.source.Total(), res.attachments, time.Since(start).Seconds())
	return nil
}

// migrateFromMongo copies a MongoDB database and its attachments into a new embedded store in cfg.Data.
func migrateFromMongo(ctx context.Context, cfg Config, uri, database string, e env) error {
	for _, name := range []string{"innonet.db", "index", "attachments"} {
		if _, err := os.Stat(filepath.Join(cfg.Data, name)); err == nil {
			return fmt.Errorf("%s already holds %s: migrate --from-mongodb fills a new data dir, so give --data an empty or new directory", cfg.Data, name)
		}
	}
	src, err := openMongo(ctx, uri, database, e)
	if err != nil {
		return err
	}
	defer src.Close()
	if n, err := src.CountRecords(ctx); err != nil {
		return err
	} else if n.Total() == 0 {
		return fmt.Errorf("the MongoDB database %q holds no records: is --database the deployment's?", src.Database())
	}
	dst, err := sqlite.Open(ctx, filepath.Join(cfg.Data, "innonet.db"))
	if err != nil {
		return err
	}
	defer dst.Close()
	blobs, err := files.Open(filepath.Join(cfg.Data, "attachments"))
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := migrate(ctx, src, dst, migrateFiles{blobs: src.Blobs(), sink: attachmentSinkOf(blobs),
		undo: "remove " + filepath.Join(cfg.Data, "innonet.db") + " and " + filepath.Join(cfg.Data, "attachments")}, e)
	if err != nil {
		return err
	}
	printCounts(e.stdout, res.source, res.target)
	fmt.Fprintf(e.stdout, "migrated %d records and %d attachments in %.1fs; serve with --data %s (the first start builds the search index; copy the signing keys of --keys-dir into DATA/keys to keep access tokens valid)\n",
		res.source.Total(), res.attachments, time.Since(start).Seconds(), cfg.Data)
	return nil
}

// openMongo opens a MongoDB store for a migration, logging only its errors.
func openMongo(ctx context.Context, uri, database string, e env) (*mongo.Store, error) {
	opts := []mongo.Option{mongo.WithLogger(slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelError})))}
	if database != "" {
		opts = append(opts, mongo.WithDatabase(database))
	}
	return mongo.Open(ctx, uri, opts...)
}

// migrateResult is what a migration copied.
type migrateResult struct {
	source, target models.RecordCounts
	attachments    int
}

// migrateFiles says where the attachments come from and where they go, and how to clear a half-filled target.
type migrateFiles struct {
	data  string           // the files of DATA/attachments, when blobs is nil
	blobs models.BlobStore // the source's attachment storage, read by the ids the dump names
	sink  attachmentSink
	undo  string // what to do to a half-filled target before trying again
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
	if files.undo == "" {
		files.undo = "empty the target"
	}
	var keys, paths []string
	if files.blobs == nil {
		if keys, paths, err = attachmentFiles(files); err != nil {
			return nil, err
		}
	}
	res := &migrateResult{}
	noted := &attachmentNotes{Dumper: src, sizes: map[string]int64{}}
	if res.source, err = copyRecords(ctx, noted, dst, e); err != nil {
		return nil, fmt.Errorf("copying the records (the target now holds part of them: %s before trying again): %w", files.undo, err)
	}
	where := filepath.Join(files.data, "attachments")
	if files.blobs != nil {
		where = "the source's attachment storage"
		keys = slices.Sorted(maps.Keys(noted.sizes))
	}
	for i, key := range keys {
		if files.blobs != nil {
			err = copyBlob(ctx, files.blobs, files.sink, key, noted.sizes[key])
		} else {
			err = copyAttachment(ctx, files.sink, key, paths[i])
		}
		if errors.Is(err, errNoBlob) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%w (the target now holds part of the data: %s before trying again)", err, files.undo)
		}
		res.attachments++
		delete(noted.sizes, key)
	}
	if len(noted.sizes) > 0 {
		fmt.Fprintf(e.stderr, "warning: %d attachments have no file in %s, so the target has none either: %s\n",
			len(noted.sizes), where, strings.Join(slices.Sorted(maps.Keys(noted.sizes)), ", "))
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

// attachmentFiles lists the files of DATA/attachments and their blob keys, and refuses when the target has
// nowhere to put them.
func attachmentFiles(files migrateFiles) (keys, paths []string, err error) {
	names, paths, err := dirFiles(filepath.Join(files.data, "attachments"), "attachments")
	if err != nil {
		return nil, nil, fmt.Errorf("listing the attachments: %w", err)
	}
	if len(names) > 0 && files.sink == nil {
		return nil, nil, fmt.Errorf("%s holds %d attachments, but the target has no attachment storage to copy them to",
			filepath.Join(files.data, "attachments"), len(names))
	}
	keys, err = attachmentKeys(names)
	return keys, paths, err
}

// attachmentNotes is a Dumper that notes the ids and sizes of the attachments it dumps, to copy their files
// and to find those without one.
type attachmentNotes struct {
	models.Dumper
	sizes map[string]int64
}

// Dump dumps the records, noting the attachments'.
func (a *attachmentNotes) Dump(ctx context.Context, emit func(models.Record) error) error {
	return a.Dumper.Dump(ctx, func(r models.Record) error {
		if r.Kind == models.RecordAttachment {
			a.sizes[r.Attachment.ID] = r.Attachment.Size
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
