package app

import (
	"context"
	"sort"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// Count is one bar of a chart.
type Count struct {
	Key   string
	Label string
	Count int
}

// PeriodCount is one point of a time series: a month, a key and its count.
type PeriodCount struct {
	Period string
	Key    string
	Count  int
}

// Stats are the network's figures for the admin dashboard.
type Stats struct {
	MembersByKind          []Count
	MembersBySector        []Count
	MembersByWard          []Count
	MembersOverTime        []PeriodCount
	ChallengesByStatus     []Count
	Interests              int
	ChallengesWithInterest int
	ResponseRate           float64
	MatchNotifications     int
	GeneratedAt            time.Time
}

// PublicStats counts the published members by kind and the open challenges, for the home page.
func (s *Service) PublicStats(ctx context.Context) ([]Count, int, error) {
	out := make([]Count, 0, len(models.Kinds))
	for _, k := range models.Kinds {
		_, n, err := s.Store.ListMembers(ctx, models.MemberFilter{Kind: k, Status: models.ProfilePublished, Page: models.Page{Page: 1, PerPage: 1}})
		if err != nil {
			return nil, 0, err
		}
		out = append(out, Count{Key: string(k), Count: n})
	}
	_, open, err := s.Store.ListChallenges(ctx, models.ChallengeFilter{Statuses: []models.ChallengeStatus{models.ChallengeOpen}, Page: models.Page{Page: 1, PerPage: 1}})
	return out, open, err
}

// Stats computes the dashboard's figures from one pass over the store.
func (s *Service) Stats(ctx context.Context, p *models.Principal) (*Stats, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	s.audit(ctx, p, models.AuditStatsView, models.TargetNetwork, "stats", nil)
	kinds, sectors, wards, statuses := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	months := map[[2]string]int{}
	var published []string
	err := s.ExportAll(ctx, nil, func(m *models.Member) error {
		kinds[string(m.Kind)]++
		for _, sec := range m.Sectors {
			sectors[sec]++
		}
		if m.Ward != "" {
			wards[m.Ward]++
		}
		at := m.CreatedAt
		if m.PublishedAt != nil {
			at = *m.PublishedAt
		}
		months[[2]string{at.Format("2006-01"), string(m.Kind)}]++
		return nil
	}, func(c *models.Challenge) error {
		statuses[string(c.Status)]++
		published = append(published, c.ID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	st := &Stats{MembersByKind: counts(kinds, 0), MembersBySector: counts(sectors, 0), MembersByWard: counts(wards, 15),
		ChallengesByStatus: counts(statuses, 0), GeneratedAt: s.now()}
	for i := range st.MembersBySector {
		if sec, ok := s.Taxonomy.Sector(st.MembersBySector[i].Key); ok {
			st.MembersBySector[i].Label = sec.LabelVI + " / " + sec.LabelEN
		}
	}
	for k, n := range months {
		st.MembersOverTime = append(st.MembersOverTime, PeriodCount{Period: k[0], Key: k[1], Count: n})
	}
	sort.Slice(st.MembersOverTime, func(i, j int) bool {
		a, b := st.MembersOverTime[i], st.MembersOverTime[j]
		return a.Period < b.Period || a.Period == b.Period && a.Key < b.Key
	})
	for _, id := range published {
		_, n, err := s.Store.ListInterests(ctx, models.InterestFilter{ChallengeID: id, Page: models.Page{Page: 1, PerPage: 1}})
		if err != nil {
			return nil, err
		}
		st.Interests += n
		if n > 0 {
			st.ChallengesWithInterest++
		}
	}
	if len(published) > 0 {
		st.ResponseRate = float64(st.ChallengesWithInterest) / float64(len(published))
	}
	for _, t := range []models.NotificationType{models.NotifyChallengeMatch, models.NotifyProfileMatch} {
		n, err := s.Store.CountNotifications(ctx, t)
		if err != nil {
			return nil, err
		}
		st.MatchNotifications += n
	}
	return st, nil
}

// counts sorts a tally by count, largest first, keeping at most limit entries (0: all).
func counts(tally map[string]int, limit int) []Count {
	out := make([]Count, 0, len(tally))
	for k, n := range tally {
		out = append(out, Count{Key: k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Count > out[j].Count || out[i].Count == out[j].Count && out[i].Key < out[j].Key
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
