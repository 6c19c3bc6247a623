package app

import (
	"context"
	"sort"

	"github.com/hanoi-innovation/innonet/models"
)

// Team is a complementary group of solvers for a challenge: a startup and an expert, and an innovation center
// when one adds to what they cover.
type Team struct {
	Members  []models.Match
	Coverage float64 // share of the required skills covered, 0 to 1
	Covered  []string
	Missing  []string
	Score    int
}

const (
	maxTeams     = 3
	teamPoolSize = 8
)

// TeamsFor suggests up to three teams whose skills together cover the challenge's required skills best.
func (s *Service) TeamsFor(ctx context.Context, p *models.Principal, challengeID string) ([]Team, map[string]*models.Member, error) {
	matches, members, err := s.MatchesFor(ctx, p, challengeID, "")
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.Challenge(ctx, challengeID)
	if err != nil {
		return nil, nil, err
	}
	pools := map[models.Kind][]models.Match{}
	for _, m := range matches {
		k := members[m.MemberID].Kind
		if len(pools[k]) < teamPoolSize {
			pools[k] = append(pools[k], m)
		}
	}
	sc := s.scorer().memoized()
	covered := map[string][]string{}
	for _, pool := range pools {
		for _, m := range pool {
			covered[m.MemberID] = sc.CoveredSkills(c.RequiredSkills, members[m.MemberID])
		}
	}
	skillsOf := func(id string) []string { return covered[id] }
	var teams []Team
	for _, st := range pools[models.KindStartup] {
		for _, ex := range pools[models.KindExpert] {
			pair := buildTeam(c.RequiredSkills, skillsOf, st, ex)
			teams = append(teams, pair)
			for _, ic := range pools[models.KindInnovationCenter] {
				if t := buildTeam(c.RequiredSkills, skillsOf, st, ex, ic); t.Coverage > pair.Coverage {
					teams = append(teams, t)
				}
			}
		}
	}
	sort.SliceStable(teams, func(i, j int) bool { return teams[i].Score > teams[j].Score })
	return pickDiverse(teams, maxTeams), members, nil
}

func buildTeam(required []string, skillsOf func(string) []string, ms ...models.Match) Team {
	covered := map[string]bool{}
	total := 0
	for _, m := range ms {
		for _, sk := range skillsOf(m.MemberID) {
			covered[sk] = true
		}
		total += m.Score
	}
	t := Team{Members: ms, Coverage: 1}
	for _, r := range required {
		if covered[r] {
			t.Covered = append(t.Covered, r)
		} else {
			t.Missing = append(t.Missing, r)
		}
	}
	if len(required) > 0 {
		t.Coverage = float64(len(t.Covered)) / float64(len(required))
	}
	avg := float64(total) / float64(len(ms)) / 100
	t.Score = int((0.6*t.Coverage+0.4*avg)*100 + 0.5)
	return t
}

// pickDiverse keeps the best teams, each with a startup and an expert not already suggested together.
func pickDiverse(teams []Team, n int) []Team {
	var out []Team
	used := map[string]bool{}
	for _, t := range teams {
		if len(out) == n {
			break
		}
		if used[t.Members[0].MemberID] || used[t.Members[1].MemberID] {
			continue
		}
		used[t.Members[0].MemberID], used[t.Members[1].MemberID] = true, true
		out = append(out, t)
	}
	return out
}
