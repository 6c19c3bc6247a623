package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/demo"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/search/synth"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchmarkFanOut measures the publication of a challenge that fits many members: matching, one inbox row
// per recipient, and one instant email per recipient in the outbox. Sizes: INNONET_FANOUT_RECIPIENTS fitting
// experts (10,000) among INNONET_FANOUT_OTHERS other synthetic members (50,000).
//
//	go test -run XXX -bench FanOut -benchtime 1x ./app/
func BenchmarkFanOut(b *testing.B) {
	ctx := context.Background()
	recipients, others := envInt("INNONET_FANOUT_RECIPIENTS", 10000), envInt("INNONET_FANOUT_OTHERS", 50000)
	dir := b.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "innonet.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	tax := models.MustTaxonomy()
	ix, err := search.Open(filepath.Join(dir, "index"), tax, search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	renderer, err := notify.NewRenderer("http://localhost:8080", "innonet")
	if err != nil {
		b.Fatal(err)
	}
	svc := New(Deps{Store: st, Taxonomy: tax, Index: ix, Logger: slog.New(slog.DiscardHandler)}, Config{})
	svc.Deliver = &notify.Delivery{Store: st, Hub: &notify.Hub{}, Renderer: renderer, Domain: "localhost"}

	set, err := demo.Load(time.Now(), tax)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC()
	members := synth.Synthesize(set.Members, others, synth.Seed)
	agency := &models.Member{ID: "ag-bench", Kind: models.KindAgency, Name: "Sở Giao thông Thử", Status: models.ProfilePublished,
		Verification: models.VerificationVerified, CreatedAt: now, UpdatedAt: now}
	members = append(members, agency)
	for i := range recipients {
		m := &models.Member{ID: fmt.Sprintf("ex-fan-%05d", i), Kind: models.KindExpert, Name: fmt.Sprintf("Chuyên gia Đèn %d", i),
			Headline:    "Điều khiển đèn tín hiệu thích ứng bằng thị giác máy tính",
			Description: "Nghiên cứu điều khiển đèn tín hiệu giao thông, đếm phương tiện bằng camera và mô phỏng giao thông cho nút giao đông xe máy.",
			Skills:      []string{"điều khiển đèn tín hiệu", "computer vision", "mô phỏng giao thông"}, Sectors: []string{"mobility"},
			AvailableFor: []string{"consulting"}, Status: models.ProfilePublished, OwnerIDs: []string{fmt.Sprintf("acc-fan-%05d", i)},
			CreatedAt: now, UpdatedAt: now}
		members = append(members, m)
	}
	for i := 0; i < len(members); i += 1000 {
		if err := st.UpsertMembers(ctx, members[i:min(i+1000, len(members))]); err != nil {
			b.Fatal(err)
		}
	}
	for i := range recipients {
		a := &models.Account{ID: fmt.Sprintf("acc-fan-%05d", i), Email: fmt.Sprintf("expert%d@example.test", i), Name: "Chuyên gia",
			PasswordHash: "x", Role: models.RoleMember, MemberID: fmt.Sprintf("ex-fan-%05d", i), CreatedAt: now, PasswordChangedAt: now}
		if err := st.CreateAccount(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := svc.CatchUp(ctx, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		c := &models.Challenge{ID: fmt.Sprintf("ch-fan-%d", i), PostedBy: agency.ID, Title: "Điều khiển đèn tín hiệu thích ứng tại các nút giao",
			Description:    "Thành phố cần đếm phương tiện từ camera và điều chỉnh pha đèn tín hiệu theo thời gian thực tại các nút giao đông xe máy.",
			RequiredSkills: []string{"điều khiển đèn tín hiệu", "computer vision"}, Sectors: []string{"mobility"},
			PreferredKinds: []models.Kind{models.KindExpert}, Status: models.ChallengeOpen, CreatedAt: now, UpdatedAt: now}
		if err := st.UpsertChallenges(ctx, []*models.Challenge{c}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.CatchUp(ctx, nil); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := svc.fanOutChallenge(ctx, &models.Job{ID: "job-" + c.ID, Kind: models.JobChallengePublished, SubjectID: c.ID, Attempts: 1}); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		sent, _ := st.CountNotifications(ctx, models.NotifyChallengeMatch)
		depth, _ := st.OutboxDepth(ctx)
		b.ReportMetric(elapsed.Seconds(), "s/fanout")
		b.ReportMetric(float64(sent), "notifications")
		b.ReportMetric(float64(depth), "mails")
	}
}
