package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/demo"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/records"
	"github.com/hanoi-innovation/innonet/search/synth"
	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// readyMarker marks a prepared data dir in the cache as complete.
const readyMarker = "loadtest-ready"

// prepare returns a copy of the cached data dir for c (the demo data set with its challenges and sign-ins,
// then c.Members synthetic members imported with `innonet import`), preparing it first when missing. The
// copy keeps the cache untouched by the run's writes.
func prepare(ctx context.Context, c config, out io.Writer) (string, func(), error) {
	name := fmt.Sprintf("members-%d", c.Members)
	if c.Vocabulary != "" {
		name += "-" + strings.TrimSuffix(filepath.Base(c.Vocabulary), filepath.Ext(c.Vocabulary))
	}
	cached := filepath.Join(c.Cache, name)
	if _, err := os.Stat(filepath.Join(cached, readyMarker)); err != nil {
		if err := build(ctx, c, cached, out); err != nil {
			return "", nil, err
		}
	} else {
		fmt.Fprintf(out, "data: %s (cached)\n", cached)
	}
	run, err := os.MkdirTemp("", "innonet-loadtest-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(run) }
	start := time.Now()
	if err := copyDir(cached, run); err != nil {
		cleanup()
		return "", nil, err
	}
	fmt.Fprintf(out, "data: copied for this run in %.1fs\n", time.Since(start).Seconds())
	return run, cleanup, nil
}

// build makes the cached data dir: the demo data through `serve --demo`, then the synthetic members.
func build(ctx context.Context, c config, dir string, out io.Writer) error {
	base, err := vocabulary(c.Vocabulary)
	if err != nil {
		return err
	}
	tmp := dir + ".tmp"
	_ = os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(out, "data: preparing %d members in %s\n", c.Members, dir)
	srv := &opkit.Server{Bin: c.Bin, Data: filepath.Join(tmp, "data"), Host: c.Host, Args: []string{"--demo", "--log-level", "warn"}}
	if err := srv.Start(ctx, 2*time.Minute); err != nil {
		return fmt.Errorf("loading the demo data: %w", err)
	}
	if err := srv.Stop(30 * time.Second); err != nil {
		return err
	}
	jsonl := filepath.Join(tmp, "members.jsonl")
	if err := writeMembers(jsonl, synth.NewGenerator(synth.NewVocabulary(base), synth.Seed), c.Members); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, c.Bin, "import", "--data", srv.Data, "--members", jsonl)
	cmd.Stdout, cmd.Stderr = out, io.Discard
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("innonet import: %w", err)
	}
	fmt.Fprintln(out)
	if err := os.Remove(jsonl); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(srv.Data, readyMarker), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return err
	}
	_ = os.RemoveAll(dir)
	if err := os.Rename(srv.Data, dir); err != nil {
		return err
	}
	fmt.Fprintf(out, "data: prepared in %.0fs\n", time.Since(start).Seconds())
	return os.RemoveAll(tmp)
}

func vocabulary(path string) ([]*models.Member, error) {
	if path != "" {
		return synth.LoadMembers(path)
	}
	set, err := demo.Load(time.Now(), models.MustTaxonomy())
	if err != nil {
		return nil, err
	}
	return set.Members, nil
}

func writeMembers(path string, gen *synth.Generator, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w, err := records.NewMemberWriter(bw, records.JSONL)
	if err != nil {
		return err
	}
	for range n {
		if err := w.Write(gen.Next()); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// copyDir copies the regular files of src into dst.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return copyFile(path, target, info.Mode().Perm())
	})
}

func copyFile(src, dst string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
