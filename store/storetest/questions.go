package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) questionTests() []test {
	return []test{
		{"RoundTrip", s.questionRoundTrip},
		{"Answer", s.questionAnswer},
		{"List", s.questionList},
		{"NotFound", s.questionNotFound},
	}
}

func question(id, challengeID, asker string, minutes int) *models.Question {
	return &models.Question{ID: id, ChallengeID: challengeID, AskerAccountID: asker,
		Text: "Dữ liệu camera có được chia sẻ theo thời gian thực không?", CreatedAt: at(time.Duration(minutes) * time.Minute)}
}

func (s suite) questionRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	q := question("", "ch-1", "ac-1", 1)
	must(t, "CreateQuestion", st.CreateQuestion(ctx, q))
	if q.ID == "" || q.Version != 1 {
		t.Fatalf("CreateQuestion: id %q version %d, want an id and 1", q.ID, q.Version)
	}
	got, err := st.Question(ctx, q.ID)
	must(t, "Question", err)
	assertSame(t, "Question", q, got)
	dup := question(q.ID, "ch-2", "ac-2", 2)
	assertCode(t, "CreateQuestion with a taken id", st.CreateQuestion(ctx, dup), models.CodeConflict)
}

func (s suite) questionAnswer(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	q := question("qa-1", "ch-1", "ac-1", 1)
	must(t, "CreateQuestion", st.CreateQuestion(ctx, q))
	stale := *q
	q.Answer, q.AnsweredBy, q.AnsweredAt = "Có, qua API của Sở.", "ac-9", ptr(at(time.Hour))
	must(t, "UpdateQuestion", st.UpdateQuestion(ctx, q))
	if q.Version != 2 {
		t.Errorf("UpdateQuestion: version %d, want 2", q.Version)
	}
	got, err := st.Question(ctx, q.ID)
	must(t, "Question", err)
	assertSame(t, "Question after the answer", q, got)
	stale.Answer = "khác"
	assertCode(t, "UpdateQuestion from a stale version", st.UpdateQuestion(ctx, &stale), models.CodeConflict)
	missing := question("qa-none", "ch-1", "ac-1", 1)
	missing.Version = 1
	assertCode(t, "UpdateQuestion of a missing question", st.UpdateQuestion(ctx, missing), models.CodeNotFound)
}

func (s suite) questionList(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, q := range []*models.Question{
		question("qa-3", "ch-1", "ac-1", 3), question("qa-1", "ch-1", "ac-2", 1), question("qa-2", "ch-1", "ac-1", 1),
		question("qa-4", "ch-2", "ac-1", 0),
	} {
		if q.ID == "qa-3" {
			q.Answer, q.AnsweredBy, q.AnsweredAt = "Có.", "ac-9", ptr(at(time.Hour))
		}
		must(t, "CreateQuestion "+q.ID, st.CreateQuestion(ctx, q))
	}
	yes, no := true, false
	cases := []struct {
		name  string
		f     models.QuestionFilter
		want  []string
		total int
	}{
		{"challenge, oldest first then by id", models.QuestionFilter{ChallengeID: "ch-1"}, []string{"qa-1", "qa-2", "qa-3"}, 3},
		{"answered", models.QuestionFilter{ChallengeID: "ch-1", Answered: &yes}, []string{"qa-3"}, 1},
		{"unanswered", models.QuestionFilter{ChallengeID: "ch-1", Answered: &no}, []string{"qa-1", "qa-2"}, 2},
		{"asker", models.QuestionFilter{ChallengeID: "ch-1", AskerAccountID: "ac-1"}, []string{"qa-2", "qa-3"}, 2},
		{"page 2", models.QuestionFilter{ChallengeID: "ch-1", Page: models.Page{Page: 2, PerPage: 2}}, []string{"qa-3"}, 3},
		{"none", models.QuestionFilter{ChallengeID: "ch-9"}, nil, 0},
	}
	for _, c := range cases {
		got, total, err := st.ListQuestions(ctx, c.f)
		must(t, "ListQuestions "+c.name, err)
		var ids []string
		for _, q := range got {
			ids = append(ids, q.ID)
		}
		if total != c.total || len(ids) != len(c.want) || (len(ids) > 0 && !equalStrings(ids, c.want)) {
			t.Errorf("ListQuestions %s: %v (total %d), want %v (total %d)", c.name, ids, total, c.want, c.total)
		}
	}
}

func (s suite) questionNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	_, err := st.Question(ctx, "qa-none")
	assertCode(t, "Question of a missing id", err, models.CodeNotFound)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
