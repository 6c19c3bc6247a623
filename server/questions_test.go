package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// openChallenge registers a verified agency with an open challenge, and returns both.
func (e *env) openChallenge(admin user, email string) (user, string) {
	e.t.Helper()
	agency := e.register(email, models.KindAgency, "Sở "+email)
	e.verify(admin, agency.memberID)
	id := e.draftChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+id+"/publish", nil, agency.token); r.status != http.StatusOK {
		e.t.Fatalf("publish: %d %s", r.status, r.body)
	}
	return agency, id
}

func questionTexts(r response) []string {
	var out []string
	for _, it := range r.json()["items"].([]any) {
		out = append(out, it.(map[string]any)["text"].(string))
	}
	return out
}

func TestQuestionsAndPublicAnswers(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency, ch := e.openChallenge(admin, "agency@example.test")
	other, _ := e.openChallenge(admin, "other-agency@example.test")
	asker := e.register("asker@example.test", models.KindStartup, "Công ty Hỏi")
	bystander := e.register("by@example.test", models.KindExpert, "Chuyên gia Xem")
	path := "/api/v1/challenges/" + ch + "/questions"
	text := "Dữ liệu mực nước hiện có được chia sẻ qua API không?"

	if r := e.call("POST", path, map[string]any{"text": text}, ""); r.status != http.StatusUnauthorized {
		t.Errorf("a visitor asks: %d, want 401", r.status)
	}
	if r := e.call("POST", path, map[string]any{"text": "ngắn"}, asker.token); r.status != http.StatusBadRequest || !contains(r.pointers(), "/text") {
		t.Errorf("a too short question: %d %v, want 400 naming /text", r.status, r.pointers())
	}
	if r := e.call("POST", path, map[string]any{"text": text}, agency.token); r.status != http.StatusForbidden {
		t.Errorf("the agency asks on its own challenge: %d, want 403", r.status)
	}
	r := e.call("POST", path, map[string]any{"text": text}, asker.token)
	if r.status != http.StatusCreated || r.json()["answered"] != false || r.json()["asked_by_me"] != true {
		t.Fatalf("ask: %d %s", r.status, r.body)
	}
	qid := r.json()["id"].(string)
	if strings.Contains(string(r.body), asker.email) || strings.Contains(string(r.body), "asker_account") {
		t.Errorf("the question shows who asked: %s", r.body)
	}

	// Unanswered: the asker and the agency see it; a visitor and another member do not.
	for name, c := range map[string]struct {
		token string
		n     int
	}{"visitor": {"", 0}, "bystander": {bystander.token, 0}, "asker": {asker.token, 1}, "agency": {agency.token, 1}, "admin": {admin.token, 1}} {
		if got := questionTexts(e.call("GET", path, nil, c.token)); len(got) != c.n {
			t.Errorf("%s sees %d unanswered questions, want %d", name, len(got), c.n)
		}
	}

	answer := "/api/v1/questions/" + qid + "/answer"
	for name, c := range map[string]struct {
		token  string
		status int
	}{
		"a visitor":      {"", http.StatusUnauthorized},
		"the asker":      {asker.token, http.StatusForbidden},
		"another member": {bystander.token, http.StatusNotFound},
		"another agency": {other.token, http.StatusNotFound},
	} {
		if r := e.call("PUT", answer, map[string]any{"answer": "Có."}, c.token); r.status != c.status {
			t.Errorf("%s answers: %d, want %d", name, r.status, c.status)
		}
	}
	if r := e.call("PUT", answer, map[string]any{"answer": ""}, agency.token); r.status != http.StatusBadRequest {
		t.Errorf("an empty answer: %d, want 400", r.status)
	}
	r = e.call("PUT", answer, map[string]any{"answer": "Có, qua cổng dữ liệu mở của thành phố."}, agency.token)
	if r.status != http.StatusOK || r.json()["answered"] != true {
		t.Fatalf("answer: %d %s", r.status, r.body)
	}
	if r := e.call("PUT", answer, map[string]any{"answer": "Không."}, other.token); r.status != http.StatusForbidden {
		t.Errorf("another agency changes a public answer: %d, want 403", r.status)
	}

	// Answered: public, and the asker is notified once.
	got := e.call("GET", path, nil, "")
	if texts := questionTexts(got); len(texts) != 1 || texts[0] != text || !strings.Contains(string(got.body), "cổng dữ liệu mở") {
		t.Errorf("a visitor sees %s", got.body)
	}
	if r := e.call("PUT", answer, map[string]any{"answer": "Có, qua cổng dữ liệu mở (đã cập nhật)."}, admin.token); r.status != http.StatusOK {
		t.Errorf("an admin changes the answer: %d", r.status)
	}
	e.awaitNotification(asker.token, `"type":"answer"`)
	e.awaitNotification(agency.token, `"type":"question"`)
	notes := e.call("GET", "/api/v1/notifications", nil, asker.token).json()["items"].([]any)
	answers := 0
	for _, n := range notes {
		if n.(map[string]any)["type"] == "answer" {
			answers++
		}
	}
	if answers != 1 {
		t.Errorf("the asker has %d answer notifications, want 1: %v", answers, notes)
	}
	agencyNotes := e.call("GET", "/api/v1/notifications", nil, agency.token).json()["items"].([]any)
	if len(agencyNotes) == 0 || agencyNotes[0].(map[string]any)["type"] != "question" {
		t.Errorf("the agency was not notified of the question: %v", agencyNotes)
	}
}

func TestQuestionLimitsAndClosedChallenges(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency, ch := e.openChallenge(admin, "agency@example.test")
	asker := e.register("asker@example.test", models.KindStartup, "Công ty Hỏi")
	path := "/api/v1/challenges/" + ch + "/questions"
	for i := range models.MaxOpenQuestions {
		if r := e.call("POST", path, map[string]any{"text": "Câu hỏi số " + string(rune('A'+i)) + " về dữ liệu?"}, asker.token); r.status != http.StatusCreated {
			t.Fatalf("question %d: %d %s", i, r.status, r.body)
		}
	}
	if r := e.call("POST", path, map[string]any{"text": "Một câu hỏi nữa về dữ liệu?"}, asker.token); r.status != http.StatusTooManyRequests {
		t.Errorf("a question over the limit of unanswered ones: %d, want 429", r.status)
	}
	if r := e.call("POST", path, map[string]any{"text": strings.Repeat("x", 2001)}, asker.token); r.status != http.StatusBadRequest {
		t.Errorf("a question over 2000 characters: %d, want 400", r.status)
	}
	draft := e.draftChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+draft+"/questions", map[string]any{"text": "Câu hỏi về bản nháp này?"}, asker.token); r.status != http.StatusNotFound {
		t.Errorf("a question on a draft: %d, want 404", r.status)
	}
	if r := e.call("POST", "/api/v1/challenges/"+ch+"/close", map[string]any{}, agency.token); r.status != http.StatusOK {
		t.Fatalf("close: %d %s", r.status, r.body)
	}
	other := e.register("other@example.test", models.KindExpert, "Chuyên gia")
	if r := e.call("POST", path, map[string]any{"text": "Còn nhận câu hỏi không ạ?"}, other.token); r.status != http.StatusConflict {
		t.Errorf("a question on a closed challenge: %d, want 409", r.status)
	}
}
