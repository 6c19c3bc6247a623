package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// cmdRestore unpacks a backup into an empty data dir, after checking every file against the manifest's
// checksums and the store's records against its counts. The search index is not in a backup: the first serve
// rebuilds it from the store.
func cmdRestore(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("restore", e.stderr, e.getenv)
	from := fs.String("from", "", "the backup archive to restore")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usageError{"--from is required: the backup archive to restore"}
	}
	if cfg.MongoURI != "" {
		return usageError{"restore writes an embedded store, and --mongodb-uri (or MONGODB_URI) is set: restore into a data dir, then migrate it with innonet migrate --to-mongodb"}
	}
	m, err := restoreBackup(ctx, *from, cfg.Data, e)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s (made %s by innonet %s) into %s: %s\nthe first innonet serve on it rebuilds the search index\n",
		*from, m.CreatedAt.Format("2006-01-02 15:04:05 MST"), m.Innonet, cfg.Data, describeCounts(m.Counts))
	return nil
}

// restoreBackup unpacks the archive beside data, checks it, and moves it into place as data.
func restoreBackup(ctx context.Context, from, data string, e env) (*backupManifest, error) {
	if err := requireEmptyDir(data); err != nil {
		return nil, err
	}
	f, err := os.Open(from)
	if err != nil {
		return nil, fmt.Errorf("opening the backup: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(filepath.Clean(data))
	if err := os.MkdirAll(parent, 0o750); err != nil {
		return nil, diskError("creating "+parent, err)
	}
	staging, err := os.MkdirTemp(parent, ".innonet-restore-*")
	if err != nil {
		return nil, diskError("preparing the restore in "+parent, err)
	}
	defer os.RemoveAll(staging)

	bar := newProgress(e.stderr, "restoring", st.Size())
	m, found, err := extractArchive(&countingReader{r: f, onRead: func(n int64) { bar.update(n, 0) }}, staging)
	if err == nil {
		bar.complete(st.Size(), len(found))
	} else {
		bar.finish()
	}
	if err != nil {
		return nil, err
	}
	if err := checkManifest(ctx, m, found, staging); err != nil {
		return nil, err
	}
	if err := os.Remove(data); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.Rename(staging, data); err != nil {
		return nil, fmt.Errorf("moving the restored data into %s: %w", data, err)
	}
	return m, nil
}

// checkManifest checks an unpacked backup: its format, its schema, every file's checksum, the store's counts.
func checkManifest(ctx context.Context, m *backupManifest, found map[string]backupFile, dir string) error {
	if m.Format != backupFormat {
		return fmt.Errorf("the backup has format %d; this innonet reads format %d", m.Format, backupFormat)
	}
	if m.SchemaVersion > sqlite.SchemaVersion() {
		return fmt.Errorf("the backup was made by a newer innonet (%s, schema %d; this one knows schema %d): restore it with that version",
			m.Innonet, m.SchemaVersion, sqlite.SchemaVersion())
	}
	if err := checkFiles(m, found); err != nil {
		return err
	}
	info, err := sqlite.Inspect(ctx, filepath.Join(dir, "innonet.db"))
	if err != nil {
		return fmt.Errorf("the store in the backup: %w", err)
	}
	for k, n := range info.Counts {
		if m.Counts[string(k)] != n {
			return fmt.Errorf("the store in the backup has %d %s records, its manifest says %d", n, k, m.Counts[string(k)])
		}
	}
	return nil
}

// requireEmptyDir refuses a data dir that holds anything; a missing one is fine.
func requireEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty (it holds %s): restore only into an empty or new directory, "+
			"and move the current data away first if it is to be replaced", dir, entries[0].Name())
	}
	return nil
}

// countingReader reports how many bytes were read so far.
type countingReader struct {
	r      io.Reader
	n      int64
	onRead func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.onRead(c.n)
	return n, err
}
