package search

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestApplyInParts applies enough changes at once to be written in several concurrent batches, with
// several changes to the same members: the last change of each wins, and the checkpoint is the highest
// Seq.
func TestApplyInParts(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	n := int64(2*minPartDocs*runtime.GOMAXPROCS(0) + 100)
	var changes []models.Change
	for i := int64(0); i < n; i++ {
		m := member(fmt.Sprintf("st-%05d", i), fmt.Sprintf("Alpha %d", i), "Giao thông thông minh", "")
		changes = append(changes, models.Change{Seq: i + 1, Type: models.EntityMember, ID: m.ID, Member: m})
	}
	// later changes: st-00000 renamed, st-00001 deleted, st-00002 back to draft, st-00003 deleted then restored
	renamed := member("st-00000", "Omega Renamed", "Giao thông thông minh", "")
	draft := *changes[2].Member
	draft.Status = models.ProfileDraft
	changes = append(changes,
		models.Change{Seq: n + 1, Type: models.EntityMember, ID: "st-00000", Member: renamed},
		models.Change{Seq: n + 2, Type: models.EntityMember, ID: "st-00001", Deleted: true},
		models.Change{Seq: n + 3, Type: models.EntityMember, ID: "st-00002", Member: &draft},
		models.Change{Seq: n + 4, Type: models.EntityMember, ID: "st-00003", Deleted: true},
		models.Change{Seq: n + 5, Type: models.EntityMember, ID: "st-00003", Member: changes[3].Member},
	)
	if err := ix.Apply(ctx, changes); err != nil {
		t.Fatal(err)
	}
	if cp, err := ix.Checkpoint(); err != nil || cp != n+5 {
		t.Errorf("checkpoint %d, %v; want %d", cp, err, n+5)
	}
	if c, err := ix.DocCount(); err != nil || int64(c) != n-2 {
		t.Errorf("doc count %d, %v; want %d", c, err, n-2)
	}
	res, err := ix.SearchMembers(ctx, MemberQuery{Text: "omega renamed", PerPage: 5})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != "st-00000" {
		t.Errorf("renamed member: %+v, %v", res, err)
	}
	res, err = ix.SearchMembers(ctx, MemberQuery{Text: "alpha 0", PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == "st-00000" || h.ID == "st-00001" || h.ID == "st-00002" {
			t.Errorf("%s found by its old name, deleted or draft", h.ID)
		}
	}
	res, err = ix.SearchMembers(ctx, MemberQuery{Text: "alpha 3", PerPage: 100})
	if err != nil || !hasHit(res, "st-00003") {
		t.Errorf("st-00003 restored: %+v, %v", res, err)
	}
}

func hasHit(res *MemberResults, id string) bool {
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

// TestSearchWhileApplying searches, lists and suggests while batches are applied (run with -race).
func TestSearchWhileApplying(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	ms, queries, prefixes := benchInput(t, 3000)
	done := make(chan error)
	go func() {
		for i := 0; i < len(ms); i += 500 {
			if err := ix.Apply(ctx, memberChanges(ms[i:i+500], int64(i+1))); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; ; i++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.SearchMembers(ctx, MemberQuery{Facets: []string{"kind", "sector", "ward"}})
			if err != nil || res.Total != 3000 {
				t.Fatalf("after applying: %d, %v", res.Total, err)
			}
			return
		default:
		}
		q := queries[i%len(queries)]
		if _, err := ix.SearchMembers(ctx, MemberQuery{Text: q.Text, Facets: []string{"kind", "sector"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.SearchMembers(ctx, MemberQuery{Kind: "expert"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Suggest(ctx, prefixes[i%len(prefixes)], 10); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOptimize merges the many small segments that small batches leave.
func TestOptimize(t *testing.T) {
	ctx := context.Background()
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	ms, _, _ := benchInput(t, 1500)
	for i := 0; i < len(ms); i += 50 {
		if err := ix.Apply(ctx, memberChanges(ms[i:i+50], int64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	before := ix.segmentCount(ctx)
	if err := ix.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	after := ix.segmentCount(ctx)
	t.Logf("segments: %d before, %d after", before, after)
	if after > 10 {
		t.Errorf("%d segments after Optimize (%d before)", after, before)
	}
	res, err := ix.SearchMembers(ctx, MemberQuery{Facets: []string{"kind"}})
	if err != nil || res.Total != 1500 {
		t.Errorf("after Optimize: %d, %v", res.Total, err)
	}
}
