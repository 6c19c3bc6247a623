package storetest

import (
	"fmt"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// at is the suite's fixed clock: d after a moment in Hanoi time with sub-millisecond digits, so adapters that
// keep milliseconds or convert to UTC are exercised.
func at(d time.Duration) time.Time {
	return time.Date(2026, 3, 1, 8, 30, 0, 123456789, time.FixedZone("ICT", 7*3600)).Add(d)
}

func ptr[T any](v T) *T { return &v }

// account returns an account with every field set.
func account(id, email string) *models.Account {
	return &models.Account{
		ID:                id,
		Email:             email,
		Name:              "Nguyễn Thị Lan " + id,
		PasswordHash:      "$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
		Role:              models.RoleMember,
		MemberID:          "st-" + id,
		CreatedAt:         at(0),
		LastLoginAt:       ptr(at(time.Hour)),
		PasswordChangedAt: at(time.Minute),
		FailedLogins:      2,
		MemberRole:        models.StaffMember,
		EmailVerifiedAt:   ptr(at(2 * time.Minute)),
	}
}

// member returns a member with every field set, kind-specific ones of all kinds included, then applies edits.
func member(id string, edits ...func(*models.Member)) *models.Member {
	m := &models.Member{
		ID:          id,
		Kind:        models.KindStartup,
		Name:        "Công ty Giao thông Xanh " + id,
		Headline:    "Điều phối đèn tín hiệu bằng AI / AI traffic signals",
		Description: "Chúng tôi tối ưu hoá nút giao thông ở Hà Nội.\nWe optimise junctions.",
		Sectors:     []string{"mobility", "ai_data"},
		Skills:      []string{"computer vision", "iot"},
		Ward:        "Hoàn Kiếm",
		Languages:   []string{"vi", "en"},
		Contact: models.Contact{
			Email:             "hello@" + id + ".vn",
			Phone:             "+84 24 3825 0000",
			Website:           "https://" + id + ".vn",
			EmailVisibility:   models.VisibilityMembers,
			PhoneVisibility:   models.VisibilityPrivate,
			WebsiteVisibility: models.VisibilityPublic,
		},
		Stage:            "seed",
		Founded:          2021,
		TeamSize:         12,
		Organization:     "Đại học Bách khoa Hà Nội",
		Title:            "PGS.TS",
		YearsExperience:  15,
		AvailableFor:     []string{"mentoring", "research"},
		Services:         []string{"incubation", "co-working"},
		Jurisdiction:     "Thành phố Hà Nội",
		Status:           models.ProfilePublished,
		Verification:     models.VerificationNone,
		VerificationNote: "checked by admin",
		OwnerIDs:         []string{"ac-1", "ac-2"},
		CreatedAt:        at(0),
		UpdatedAt:        at(time.Minute),
		PublishedAt:      ptr(at(2 * time.Minute)),
		RematchAt:        at(time.Minute),
	}
	for _, e := range edits {
		e(m)
	}
	return m
}

// challenge returns a challenge with every field set, then applies edits.
func challenge(id string, edits ...func(*models.Challenge)) *models.Challenge {
	c := &models.Challenge{
		ID:              id,
		PostedBy:        "ag-so-gtvt",
		Title:           "Giảm ùn tắc giờ cao điểm " + id,
		Description:     "Sở cần giải pháp giảm ùn tắc tại các nút giao trọng điểm.",
		Context:         "Ngã tư Sở, Kim Liên.",
		Constraints:     "Dữ liệu camera hiện có.",
		ExpectedOutcome: "Giảm 20% thời gian chờ.",
		Sectors:         []string{"mobility", "iot_smart_city"},
		RequiredSkills:  []string{"computer vision"},
		PreferredKinds:  []models.Kind{models.KindStartup, models.KindExpert},
		BudgetVND:       ptr(int64(1_500_000_000)),
		Deadline:        "2026-09-30",
		Ward:            "Đống Đa",
		Status:          models.ChallengeOpen,
		CreatedAt:       at(0),
		UpdatedAt:       at(time.Minute),
		PublishedAt:     ptr(at(time.Minute)),
		ClosedAt:        ptr(at(time.Hour)),
	}
	for _, e := range edits {
		e(c)
	}
	return c
}

// token returns a fresh refresh token.
func token(id, accountID, familyID string) *models.RefreshToken {
	return &models.RefreshToken{
		ID:        id,
		AccountID: accountID,
		FamilyID:  familyID,
		Hash:      "sha256-" + id,
		CreatedAt: at(0),
		ExpiresAt: at(30 * 24 * time.Hour),
	}
}

// ids returns "prefix-1" ... "prefix-n".
func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i+1)
	}
	return out
}
