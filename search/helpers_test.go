package search

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// evalDir is the shared evaluation set, beside the repository.
const evalDir = "../../shared/eval"

func evalFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(evalDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("evaluation set not found (%v): it lives in shared/eval beside the repository", err)
	}
	return p
}

// loadMembers reads a members.jsonl file as published members.
func loadMembers(t testing.TB, path string) []*models.Member {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*models.Member
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for sc.Scan() {
		var m models.Member
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		m.Normalize()
		m.Status = models.ProfilePublished
		m.UpdatedAt = base.Add(time.Duration(len(out)) * time.Minute)
		out = append(out, &m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func memberChanges(ms []*models.Member, firstSeq int64) []models.Change {
	out := make([]models.Change, len(ms))
	for i, m := range ms {
		out[i] = models.Change{Seq: firstSeq + int64(i), Type: models.EntityMember, ID: m.ID, Member: m}
	}
	return out
}

func openTestIndex(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, models.MustTaxonomy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// evalIndex builds an index of the evaluation members in a temporary directory.
func evalIndex(t testing.TB) (*Index, []*models.Member) {
	t.Helper()
	ms := loadMembers(t, evalFile(t, "members.jsonl"))
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	t.Cleanup(func() { ix.Close() })
	if err := ix.Apply(context.Background(), memberChanges(ms, 1)); err != nil {
		t.Fatal(err)
	}
	return ix, ms
}
