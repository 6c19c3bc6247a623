package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func patch(t *testing.T, url string, body any, token string) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPatch, url, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req, token)
}

func login(t *testing.T, base, email, password string) string {
	t.Helper()
	st, out := post(t, base+"/api/v1/auth/login", map[string]any{"email": email, "password": password}, "")
	if st != http.StatusOK {
		t.Fatalf("login %s: %d %v", email, st, out)
	}
	return out["access_token"].(string)
}

// TestMatchNotificationEndToEnd: an expert with instant email; an admin verifies an agency; the agency
// publishes a challenge that fits the expert; the expert's open stream gets the event within a second, the
// inbox lists it, the SMTP server receives one mail; a restart loses nothing.
func TestMatchNotificationEndToEnd(t *testing.T) {
	mb := startMailbox(t)
	data := t.TempDir()
	cfg := testConfig(data)
	cfg.SMTP.Addr, cfg.SMTP.TLS = mb.addr, "none"
	base, stop := start(t, cfg)
	const pw = "Correct-horse-42!"

	register := func(email, kind, name string) (string, string) {
		st, out := post(t, base+"/api/v1/auth/register", map[string]any{"email": email, "password": pw, "name": name, "kind": kind}, "")
		if st != http.StatusCreated {
			t.Fatalf("register %s: %d %v", email, st, out)
		}
		return login(t, base, email, pw), out["member_id"].(string)
	}
	expert, expertID := register("expert@example.test", "expert", "TS. Nguyễn Minh Quang")
	if st, out := patch(t, base+"/api/v1/members/"+expertID, map[string]any{"version": 1,
		"headline":    "Chuyên gia điều khiển đèn tín hiệu giao thông và thị giác máy tính",
		"description": "Hơn 15 năm nghiên cứu điều khiển đèn tín hiệu thích ứng, đếm phương tiện bằng camera và mô phỏng giao thông đô thị cho các nút giao đông xe máy.",
		"skills":      []string{"điều khiển đèn tín hiệu", "computer vision", "mô phỏng giao thông"},
		"sectors":     []string{"mobility", "ai_data"}, "available_for": []string{"consulting", "research"}}, expert); st != http.StatusOK {
		t.Fatalf("expert profile: %d %v", st, out)
	}
	if st, _ := post(t, base+"/api/v1/members/"+expertID+"/publish", nil, expert); st != http.StatusOK {
		t.Fatalf("publish expert: %d", st)
	}
	if st, out := put(t, base+"/api/v1/me/preferences", map[string]any{"email": "instant", "min_score": 20}, expert); st != http.StatusOK {
		t.Fatalf("preferences: %d %v", st, out)
	}
	agency, agencyID := register("agency@example.test", "agency", "Sở Giao thông Vận tải Thử")

	// A restart between the set-up and the publication loses nothing.
	stop()
	base, stop = start(t, cfg)
	defer stop()

	adminPw := "Admin-pass-2026!"
	createAdmin(t, data, "admin@example.test", adminPw)
	admin := login(t, base, "admin@example.test", adminPw)
	if st, out := post(t, base+"/api/v1/admin/verifications/"+agencyID, map[string]any{"decision": "verify"}, admin); st != http.StatusOK {
		t.Fatalf("verify: %d %v", st, out)
	}
	st, created := post(t, base+"/api/v1/challenges", map[string]any{
		"title":       "Điều khiển đèn tín hiệu thích ứng tại các nút giao trọng điểm",
		"description": "Thành phố cần đếm phương tiện từ camera sẵn có và tự động điều chỉnh pha đèn tín hiệu tại các nút giao đông xe máy, có mô phỏng giao thông trước khi triển khai.",
		"sectors":     []string{"mobility"}, "required_skills": []string{"điều khiển đèn tín hiệu", "computer vision"},
		"preferred_kinds": []string{"expert", "startup"},
	}, agency)
	if st != http.StatusCreated {
		t.Fatalf("create challenge: %d %v", st, created)
	}
	challengeID := created["id"].(string)

	events := openStream(t, base, expert)
	published := time.Now()
	if st, out := post(t, base+"/api/v1/challenges/"+challengeID+"/publish", nil, agency); st != http.StatusOK {
		t.Fatalf("publish challenge: %d %v", st, out)
	}
	select {
	case ev := <-events:
		if ev["type"] != "challenge_match" || ev["challenge_id"] != challengeID {
			t.Fatalf("event %v", ev)
		}
		if d := time.Since(published); d > time.Second {
			t.Fatalf("the event took %v", d)
		}
	case <-time.After(3 * time.Second):
		_, ms := get(t, base+"/api/v1/challenges/"+challengeID+"/matches", admin)
		t.Fatalf("no live event; matches %v", ms)
	}
	_, inbox := get(t, base+"/api/v1/notifications", expert)
	if items := inbox["items"].([]any); len(items) != 1 || items[0].(map[string]any)["challenge_id"] != challengeID {
		t.Fatalf("inbox: %v", inbox)
	}
	msgs := notificationMails(mb.wait(t, 3, 10*time.Second)) // and the two verification emails of the registrations
	if len(msgs) != 1 || !strings.Contains(msgs[0], "expert@example.test") {
		t.Fatalf("mails: %d", len(msgs))
	}
	if ids := regexp.MustCompile(`(?im)^Message-ID: (.+)$`).FindAllString(msgs[0], -1); len(ids) != 1 {
		t.Fatalf("Message-ID headers: %v", ids)
	}
	if !strings.Contains(msgs[0], "List-Unsubscribe") {
		t.Fatal("no unsubscribe header")
	}

	// Another restart: still one notification, still one mail.
	stop()
	base, _ = start(t, cfg)
	_, inbox = get(t, base+"/api/v1/notifications", expert)
	if n := len(inbox["items"].([]any)); n != 1 {
		t.Fatalf("after a restart the inbox has %d items", n)
	}
	time.Sleep(300 * time.Millisecond)
	mb.mu.Lock()
	defer mb.mu.Unlock()
	if n := len(notificationMails(mb.msgs)); n != 1 {
		t.Fatalf("after a restart %d mails were sent", n)
	}
}

func put(t *testing.T, url string, body any, token string) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPut, url, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req, token)
}

func createAdmin(t *testing.T, data, email, password string) {
	t.Helper()
	var stderr bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(k string) string {
		if k == "INNONET_ADMIN_PASSWORD" {
			return password
		}
		return ""
	}}
	if code := run(context.Background(), []string{"admin", "create", "--data", data, "--email", email}, e); code != 0 {
		t.Fatalf("admin create: %s", stderr.String())
	}
}

// openStream follows the live notifications of the token's account.
func openStream(t *testing.T, base, token string) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/notifications/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("stream: %d", res.StatusCode)
	}
	events := make(chan map[string]any, 8)
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
	}()
	return events
}
