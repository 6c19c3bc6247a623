package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// cmdBackup writes a backup of the embedded store, its attachments and its signing keys into one archive,
// while a server may be running on the data dir. The store is copied first, at one point in time; attachments
// are immutable, so those present after the copy include every one the copy refers to.
func cmdBackup(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("backup", e.stderr, e.getenv)
	out := fs.String("out", "", "the archive to write (.tar.gz); it must not exist")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out is required: the archive to write, e.g. --out innonet-backup.tar.gz"}
	}
	if cfg.MongoURI != "" {
		return usageError{"backup copies the embedded store, and this deployment uses MongoDB (--mongodb-uri or MONGODB_URI): back it up with mongodump or the provider's snapshots"}
	}
	start := time.Now()
	m, size, err := writeBackup(ctx, cfg.Data, *out, e)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s (%s, %d files) in %.1fs: %s\n", *out, humanBytes(size), len(m.Files),
		time.Since(start).Seconds(), describeCounts(m.Counts))
	return nil
}

// writeBackup snapshots the store of data and archives it with the attachments and keys into out.
func writeBackup(ctx context.Context, data, out string, e env) (*backupManifest, int64, error) {
	if _, err := os.Lstat(out); err == nil {
		return nil, 0, fmt.Errorf("%s already exists: choose another name or remove it first", out)
	}
	dbPath := filepath.Join(data, "innonet.db")
	if _, err := os.Stat(dbPath); err != nil {
		return nil, 0, fmt.Errorf("no embedded store at %s (a MongoDB deployment is backed up with mongodump): %w", dbPath, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".innonet-backup-*")
	if err != nil {
		return nil, 0, diskError("preparing the backup beside "+out, err)
	}
	defer os.RemoveAll(tmp)

	snapshot := filepath.Join(tmp, "innonet.db")
	info, err := sqlite.Snapshot(ctx, dbPath, snapshot)
	if err != nil {
		return nil, 0, diskError("copying the store", err)
	}
	names, paths := []string{"innonet.db"}, []string{snapshot}
	for _, dir := range []string{"attachments", "keys"} {
		n, p, err := dirFiles(filepath.Join(data, dir), dir)
		if err != nil {
			return nil, 0, fmt.Errorf("listing %s: %w", dir, err)
		}
		names, paths = append(names, n...), append(paths, p...)
	}
	var total int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}

	m := backupManifest{Format: backupFormat, Innonet: version, SchemaVersion: info.SchemaVersion,
		CreatedAt: time.Now().UTC().Truncate(time.Second), Counts: map[string]int{}}
	for k, n := range info.Counts {
		m.Counts[string(k)] = n
	}
	size, err := archiveFiles(out, names, paths, &m, newProgress(e.stderr, "backing up", total))
	if err != nil {
		return nil, 0, err
	}
	return &m, size, nil
}

// archiveFiles writes the archive to a temporary file beside out, syncs it and renames it to out, so that
// out never exists half-written. It fills m.Files and returns the size of the archive.
func archiveFiles(out string, names, paths []string, m *backupManifest, bar *progress) (int64, error) {
	partial := out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, diskError("creating "+partial, err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
			_ = os.Remove(partial)
		}
	}()
	aw := newArchiveWriter(f, func(n int64, files int) { bar.update(n, files) })
	for i, name := range names {
		if err := aw.addFile(name, paths[i]); err != nil {
			if errors.Is(err, fs.ErrNotExist) && name != "innonet.db" {
				continue // removed since it was listed
			}
			return 0, diskError("writing "+name+" into "+out, err)
		}
	}
	bar.complete(aw.written, len(aw.files))
	if err := aw.close(m); err != nil {
		return 0, diskError("writing "+out, err)
	}
	if err := f.Sync(); err != nil {
		return 0, diskError("writing "+out, err)
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, diskError("writing "+out, err)
	}
	if err := os.Rename(partial, out); err != nil {
		return 0, err
	}
	ok = true
	return st.Size(), nil
}

// describeCounts renders record counts for a person: "3 accounts, 68 members, ...".
func describeCounts(counts map[string]int) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	return strings.Join(parts, ", ")
}

// humanBytes renders a size in B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMG"[exp])
}
