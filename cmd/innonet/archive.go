package main

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// backupFormat is the layout of the backup archive: a gzip-compressed tar of innonet.db (a snapshot of the
// embedded store), attachments/ and keys/ as in the data dir, and manifest.json last.
const backupFormat = 1

// manifestName is the archive member that describes the others.
const manifestName = "manifest.json"

// backupManifest describes a backup: what made it, when, the schema and the records of its store, and every
// file with its size and SHA-256.
type backupManifest struct {
	Format        int            `json:"format"`
	Innonet       string         `json:"innonet_version"`
	SchemaVersion int            `json:"schema_version"`
	CreatedAt     time.Time      `json:"created_at"`
	Counts        map[string]int `json:"counts"`
	Files         []backupFile   `json:"files"`
}

// backupFile is one file of a backup, by its slash-separated path in the archive.
type backupFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// archiveWriter writes the files of a backup into a tar.gz, hashing each as it goes.
type archiveWriter struct {
	gz      *gzip.Writer
	tw      *tar.Writer
	files   []backupFile
	written int64
	onWrite func(written int64, files int)
}

func newArchiveWriter(w io.Writer, onWrite func(written int64, files int)) *archiveWriter {
	gz := gzip.NewWriter(w)
	return &archiveWriter{gz: gz, tw: tar.NewWriter(gz), onWrite: onWrite}
}

// addFile copies the file at src into the archive as name.
func (a *archiveWriter) addFile(name, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := a.tw.WriteHeader(hdr); err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(a.tw, h, progressWriter{a}), io.LimitReader(f, st.Size()))
	if err != nil {
		return err
	}
	if n != st.Size() {
		return fmt.Errorf("%s shrank while it was copied", src)
	}
	a.files = append(a.files, backupFile{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

// progressWriter reports the bytes copied so far.
type progressWriter struct{ a *archiveWriter }

func (p progressWriter) Write(b []byte) (int, error) {
	p.a.written += int64(len(b))
	if p.a.onWrite != nil {
		p.a.onWrite(p.a.written, len(p.a.files))
	}
	return len(b), nil
}

// close writes the manifest, completed with the files written, and ends the archive.
func (a *archiveWriter) close(m *backupManifest) error {
	m.Files = a.files
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	hdr := &tar.Header{Name: manifestName, Mode: 0o600, Size: int64(len(raw)), ModTime: m.CreatedAt, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := a.tw.WriteHeader(hdr); err != nil {
		return err
	}
	if _, err := a.tw.Write(raw); err != nil {
		return err
	}
	if err := a.tw.Close(); err != nil {
		return err
	}
	return a.gz.Close()
}

// dirFiles lists the regular files under root (missing root: none) as archive paths under prefix with their
// paths on disk. Names starting with a dot are skipped: they are files being written.
func dirFiles(root, prefix string) (names, paths []string, err error) {
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return filepath.SkipDir
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		names = append(names, prefix+"/"+filepath.ToSlash(rel))
		paths = append(paths, path)
		return nil
	})
	return names, paths, err
}

// extractArchive unpacks a backup into dir (which exists and is empty), checking every path, and returns the
// manifest and what it found: each file's size and SHA-256.
func extractArchive(r io.Reader, dir string) (*backupManifest, map[string]backupFile, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("not an innonet backup (not gzip): %w", err)
	}
	tr := tar.NewReader(gz)
	found := map[string]backupFile{}
	var manifest *backupManifest
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("the backup is damaged: %w", err)
		}
		if hdr.Typeflag != tar.TypeReg || !filepath.IsLocal(filepath.FromSlash(hdr.Name)) {
			return nil, nil, fmt.Errorf("the backup holds an unexpected entry %q", hdr.Name)
		}
		if hdr.Name == manifestName {
			manifest = &backupManifest{}
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(manifest); err != nil {
				return nil, nil, fmt.Errorf("the backup's manifest does not parse: %w", err)
			}
			continue
		}
		f, err := extractFile(damagedIfFails{tr}, filepath.Join(dir, filepath.FromSlash(hdr.Name)))
		if err != nil {
			return nil, nil, err
		}
		f.Path = hdr.Name
		found[hdr.Name] = f
	}
	if manifest == nil {
		return nil, nil, errors.New("the backup has no manifest: it is not an innonet backup, or it was cut short")
	}
	return manifest, found, nil
}

// errDamaged marks a failure to read an archive: damage, not a problem of the disk written to.
var errDamaged = errors.New("the backup is damaged (cut short?)")

// damagedIfFails marks its read errors with errDamaged.
type damagedIfFails struct{ r io.Reader }

func (d damagedIfFails) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("%w: %w", errDamaged, err)
	}
	return n, err
}

func extractFile(r io.Reader, path string) (backupFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return backupFile{}, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return backupFile{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, errDamaged) {
		return backupFile{}, err
	}
	if err != nil {
		return backupFile{}, diskError("writing "+path, err)
	}
	return backupFile{Size: n, SHA256: hexSum(h)}, nil
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// checkFiles compares the files found in an archive with those its manifest lists.
func checkFiles(m *backupManifest, found map[string]backupFile) error {
	for _, want := range m.Files {
		got, ok := found[want.Path]
		switch {
		case !ok:
			return fmt.Errorf("the backup lacks %s, which its manifest lists", want.Path)
		case got.Size != want.Size || got.SHA256 != want.SHA256:
			return fmt.Errorf("%s in the backup does not match its checksum: the backup is damaged", want.Path)
		}
		delete(found, want.Path)
	}
	for name := range found {
		return fmt.Errorf("the backup holds %s, which its manifest does not list", name)
	}
	return nil
}

// diskError explains a full disk plainly; other errors are wrapped with what was being done.
func diskError(doing string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%s: the disk is full (%w)", doing, err)
	}
	return fmt.Errorf("%s: %w", doing, err)
}
