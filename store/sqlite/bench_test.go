package sqlite_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// batchSize is the size of an import batch in the benchmarks.
const batchSize = 1000

// synthetic returns n members shaped like imported profiles, with ids from prefix.
func synthetic(prefix string, n int) []*models.Member {
	sectors := []string{"mobility", "health", "education", "ai_data", "fintech", "energy"}
	wards := []string{"Hoàn Kiếm", "Ba Đình", "Đống Đa", "Cầu Giấy", "Hai Bà Trưng"}
	out := make([]*models.Member, n)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := range out {
		out[i] = &models.Member{
			ID:          fmt.Sprintf("%s-%06d", prefix, i),
			Kind:        models.Kinds[i%len(models.Kinds)],
			Name:        fmt.Sprintf("Công ty Đổi mới Sáng tạo số %d", i),
			Headline:    "Giải pháp dữ liệu cho đô thị thông minh / Data for smart cities",
			Description: "Chúng tôi xây dựng nền tảng phân tích dữ liệu giao thông, môi trường và y tế cho Hà Nội.",
			Sectors:     []string{sectors[i%len(sectors)], sectors[(i+2)%len(sectors)]},
			Skills:      []string{"machine learning", "iot", "gis"},
			Ward:        wards[i%len(wards)],
			Languages:   []string{"vi", "en"},
			Contact:     models.Contact{Email: fmt.Sprintf("lienhe%d@example.vn", i), Website: "https://example.vn"},
			Stage:       "seed",
			Status:      models.ProfilePublished,
			CreatedAt:   now,
			UpdatedAt:   now.Add(time.Duration(i) * time.Second),
		}
	}
	return out
}

// BenchmarkUpsertMembers measures bulk import: each op upserts a batch of 1000 members in one call, new ones
// ("create") or replacing existing ones ("replace").
func BenchmarkUpsertMembers(b *testing.B) {
	for _, mode := range []string{"create", "replace"} {
		b.Run(mode, func(b *testing.B) {
			st := open(b, filepath.Join(b.TempDir(), "innonet.db"))
			batch := synthetic("st", batchSize)
			if mode == "replace" {
				if err := st.UpsertMembers(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
			}
			n := 0
			for b.Loop() {
				if mode == "create" {
					b.StopTimer()
					batch = synthetic(fmt.Sprintf("st%d", n), batchSize)
					b.StartTimer()
				}
				if err := st.UpsertMembers(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64(n*batchSize)/b.Elapsed().Seconds(), "members/s")
		})
	}
}

// BenchmarkListMembers measures a filtered page of 20 out of 10,000 members.
func BenchmarkListMembers(b *testing.B) {
	st := open(b, filepath.Join(b.TempDir(), "innonet.db"))
	for i := range 10 {
		if err := st.UpsertMembers(b.Context(), synthetic(fmt.Sprintf("st%d", i), batchSize)); err != nil {
			b.Fatal(err)
		}
	}
	f := models.MemberFilter{Sector: "health", Status: models.ProfilePublished, Page: models.Page{Page: 3, PerPage: 20}}
	for b.Loop() {
		if _, _, err := st.ListMembers(b.Context(), f); err != nil {
			b.Fatal(err)
		}
	}
}
