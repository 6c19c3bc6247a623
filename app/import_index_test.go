package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

func importTestService(t *testing.T) (*Service, *sqlite.Store, *search.Index) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tax := models.MustTaxonomy()
	ix, err := search.Open(filepath.Join(dir, "index"), tax, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return New(Deps{Store: st, Taxonomy: tax, Index: ix, Logger: slog.New(slog.DiscardHandler)}, Config{}), st, ix
}

func importedMember(i int) *models.Member {
	return &models.Member{ID: fmt.Sprintf("st-imp-%05d", i), Kind: models.KindStartup, Name: fmt.Sprintf("Nhập Khẩu %d", i),
		Headline: "Giao thông thông minh", Sectors: []string{"mobility"}, Ward: "Cầu Giấy", Status: models.ProfilePublished}
}

// TestImportIndexesAsItGoes imports more members than one index window, with another writer between two
// batches half-way: the index holds every member and its checkpoint is the store's last Seq, whether the
// windows went in directly or through the catch-up that follows the import.
func TestImportIndexesAsItGoes(t *testing.T) {
	for _, interleave := range []bool{false, true} {
		t.Run(fmt.Sprintf("interleaved=%v", interleave), func(t *testing.T) {
			ctx := context.Background()
			svc, st, ix := importTestService(t)
			im := svc.NewOperatorImport()
			im.IndexAsItGoes(ctx)
			n := importIndexWindow + 2*importBatch + 17
			for i := range n {
				if err := im.AddMember(ctx, i+1, importedMember(i)); err != nil {
					t.Fatal(err)
				}
				if interleave && i == importIndexWindow+importBatch/2 {
					other := importedMember(n + 1)
					other.CreatedAt, other.UpdatedAt = time.Now(), time.Now()
					if err := st.CreateMember(ctx, other); err != nil {
						t.Fatal(err)
					}
				}
			}
			report, err := im.Finish(ctx)
			if err != nil || report.Imported != n {
				t.Fatalf("import: %+v, %v", report, err)
			}
			caught, err := svc.CatchUp(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !interleave && caught != 0 {
				t.Errorf("the import left %d changes to the catch-up", caught)
			}
			if interleave && caught == 0 {
				t.Error("a window that does not follow the checkpoint was applied directly")
			}
			want := uint64(n)
			if interleave {
				want++
			}
			last, err := st.LastSeq(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cp, err := ix.Checkpoint()
			if err != nil || cp != last {
				t.Errorf("checkpoint %d, %v; the store's last Seq is %d", cp, err, last)
			}
			if docs, err := ix.DocCount(); err != nil || docs != want {
				t.Errorf("index holds %d documents, %v; want %d", docs, err, want)
			}
			res, err := ix.SearchMembers(ctx, search.MemberQuery{Text: fmt.Sprintf("Nhập Khẩu %d", n-1), PerPage: 3})
			if err != nil || len(res.Hits) == 0 || res.Hits[0].ID != fmt.Sprintf("st-imp-%05d", n-1) {
				t.Errorf("the last imported member is not found first: %+v, %v", res, err)
			}
		})
	}
}
