package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// stream opens the live notification stream and sends each event's data on the channel.
func stream(t *testing.T, e *env, token, lastEventID string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.url+"/api/v1/notifications/stream?access_token="+token, nil)
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	events := make(chan map[string]any, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev map[string]any
				_ = json.Unmarshal([]byte(data), &ev)
				events <- ev
			}
		}
		close(events)
	}()
	return events
}

func waitEvent(t *testing.T, events <-chan map[string]any, within time.Duration) map[string]any {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(within):
		t.Fatalf("no event within %v", within)
	}
	return nil
}

func TestInterestsNotifyBothSidesLive(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở Thử Nghiệm")
	e.verify(admin, agency.memberID)
	startup := e.register("startup@example.test", models.KindStartup, "Công ty Cảm Biến")
	e.call("PATCH", "/api/v1/members/"+startup.memberID, map[string]any{"version": 1,
		"contact": map[string]any{"phone": "0901234567", "phone_visibility": "private"}}, startup.token)
	e.publish(startup)
	challenge := e.draftChallenge(agency)
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "interest"}, startup.token); r.status != http.StatusNotFound {
		t.Fatalf("interest in a draft: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/publish", nil, agency.token); r.status != http.StatusOK {
		t.Fatalf("publish: %d %s", r.status, r.body)
	}
	agencyEvents := stream(t, e, agency.token, "")
	start := time.Now()
	r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "proposal",
		"message": "Chúng tôi có sẵn mạng cảm biến mực nước và muốn thí điểm tại 20 điểm trũng."}, startup.token)
	if r.status != http.StatusCreated {
		t.Fatalf("proposal: %d %s", r.status, r.body)
	}
	interest := r.json()["id"].(string)
	ev := waitEvent(t, agencyEvents, time.Second)
	if ev["type"] != "interest" || time.Since(start) > time.Second {
		t.Fatalf("agency event %v after %v", ev, time.Since(start))
	}
	if r := e.call("POST", "/api/v1/challenges/"+challenge+"/interests", map[string]any{"kind": "interest"}, startup.token); r.status != http.StatusConflict {
		t.Fatalf("a second response: %d", r.status)
	}
	if r := e.call("GET", "/api/v1/challenges/"+challenge+"/interests", nil, startup.token); r.status != http.StatusForbidden {
		t.Fatalf("the startup reads the agency's responses: %d", r.status)
	}
	list := e.call("GET", "/api/v1/challenges/"+challenge+"/interests", nil, agency.token).json()
	items := list["items"].([]any)
	contact := items[0].(map[string]any)["member"].(map[string]any)["contact"].(map[string]any)
	if contact["phone"] != "0901234567" {
		t.Fatalf("the responding member's contact is not revealed to the agency: %v", contact)
	}

	startupEvents := stream(t, e, startup.token, "")
	if r := e.call("PATCH", "/api/v1/interests/"+interest, map[string]any{"status": "shortlisted"}, startup.token); r.status != http.StatusForbidden {
		t.Fatalf("the startup decides: %d", r.status)
	}
	if r := e.call("PATCH", "/api/v1/interests/"+interest, map[string]any{"status": "shortlisted"}, agency.token); r.status != http.StatusOK {
		t.Fatalf("shortlist: %d %s", r.status, r.body)
	}
	if ev := waitEvent(t, startupEvents, time.Second); ev["type"] != "interest_status" {
		t.Fatalf("startup event %v", ev)
	}
	mine := e.call("GET", "/api/v1/me/interests", nil, startup.token).json()
	if it := mine["items"].([]any)[0].(map[string]any); it["status"] != "shortlisted" {
		t.Fatalf("my interests: %v", mine)
	}
	inbox := e.call("GET", "/api/v1/notifications", nil, startup.token).json()
	if inbox["unread"].(float64) < 1 {
		t.Fatalf("inbox: %v", inbox)
	}
	if r := e.call("POST", "/api/v1/notifications/read", map[string]any{}, startup.token); r.json()["unread"].(float64) != 0 {
		t.Fatalf("mark all read: %s", r.body)
	}
	// A reconnecting stream resumes after the last event it saw.
	resumed := stream(t, e, agency.token, "0")
	if ev := waitEvent(t, resumed, 3*time.Second); ev["type"] != "interest" {
		t.Fatalf("resumed stream: %v", ev)
	}
}

func TestPreferencesAndUnsubscribe(t *testing.T) {
	e := newEnv(t)
	u := e.register("p@example.test", models.KindExpert, "Chuyên gia P")
	p := e.call("GET", "/api/v1/me/preferences", nil, u.token).json()
	if p["email"] != "instant" || p["in_app"] != true {
		t.Fatalf("defaults: %v", p)
	}
	e.clock.Advance(10 * time.Minute)
	r := e.call("PUT", "/api/v1/me/preferences", map[string]any{"email": "daily", "min_score": 70, "sectors": []string{"mobility"}}, u.token)
	if r.status != http.StatusOK || r.json()["email"] != "daily" {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	if r := e.call("PUT", "/api/v1/me/preferences", map[string]any{"sectors": []string{"nowhere"}}, u.token); r.status != http.StatusBadRequest {
		t.Fatalf("unknown sector: %d", r.status)
	}
	if r := e.call("PUT", "/api/v1/me/preferences", map[string]any{"min_score": 101}, u.token); r.status != http.StatusBadRequest {
		t.Fatalf("score over 100: %d", r.status)
	}
	pr, err := e.store.Preferences(context.Background(), u.accountID)
	if err != nil {
		t.Fatal(err)
	}
	if pr.LastDigestAt.Before(e.clock.Now().Add(-time.Second)) {
		t.Fatalf("switching from instant to daily did not start the digest period: %v", pr.LastDigestAt)
	}
	if r := e.call("POST", "/api/v1/notifications/unsubscribe?token=not-a-real-token", nil, ""); r.status != http.StatusNotFound {
		t.Fatalf("a forged token: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/notifications/unsubscribe?token="+pr.UnsubscribeToken, nil, ""); r.status != http.StatusOK || r.json()["email"] != "off" {
		t.Fatalf("unsubscribe: %d %s", r.status, r.body)
	}
}
