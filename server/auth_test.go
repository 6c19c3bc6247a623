package server_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/auth"
	"github.com/hanoi-innovation/innonet/models"
)

func b64(v any) string {
	var raw []byte
	switch x := v.(type) {
	case []byte:
		raw = x
	default:
		raw, _ = json.Marshal(x)
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

func TestForgedTokensAreRefused(t *testing.T) {
	e := newEnv(t)
	u := e.register("a@example.test", models.KindStartup, "Công ty A")
	parts := strings.Split(u.token, ".")
	var header, claims map[string]any
	hb, _ := base64.RawURLEncoding.DecodeString(parts[0])
	cb, _ := base64.RawURLEncoding.DecodeString(parts[1])
	_ = json.Unmarshal(hb, &header)
	_ = json.Unmarshal(cb, &claims)
	evil := map[string]any{}
	for k, v := range claims {
		evil[k] = v
	}
	evil["role"], evil["sub"] = "admin", "someone-else"

	hs := func(secret []byte) string {
		h := b64(map[string]any{"alg": "HS256", "typ": "JWT", "kid": header["kid"]})
		body := b64(evil)
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(h + "." + body))
		return h + "." + body + "." + b64(mac.Sum(nil))
	}
	expired := func() string {
		e.clock.Advance(16 * time.Minute)
		return u.token
	}
	otherAudience := func() string {
		iss, err := auth.NewIssuer(auth.IssuerConfig{Keys: e.keys, Issuer: "innonet", Audience: "someone-else", Clock: e.clock})
		if err != nil {
			t.Fatal(err)
		}
		tok, _, _ := iss.Issue(auth.Claims{Subject: "x", Role: models.RoleAdmin})
		return tok
	}
	unknownKid := func() string {
		keys, err := auth.LoadOrCreateKeys(filepath.Join(t.TempDir(), "keys"), e.clock)
		if err != nil {
			t.Fatal(err)
		}
		iss, _ := auth.NewIssuer(auth.IssuerConfig{Keys: keys, Issuer: "innonet", Audience: "innonet-api", Clock: e.clock})
		tok, _, _ := iss.Issue(auth.Claims{Subject: "x", Role: models.RoleAdmin})
		return tok
	}
	cases := []struct {
		name  string
		token func() string
	}{
		{"alg none", func() string { return b64(map[string]any{"alg": "none", "typ": "JWT"}) + "." + b64(evil) + "." }},
		{"tampered payload", func() string { return parts[0] + "." + b64(evil) + "." + parts[2] }},
		{"HS256 with a guessed secret", func() string { return hs([]byte("guessable-secret")) }},
		{"HS256 with the kid as secret", func() string { return hs([]byte(header["kid"].(string))) }},
		{"expired", expired},
		{"wrong audience", otherAudience},
		{"unknown kid", unknownKid},
		{"garbage", func() string { return "abc.def.ghi" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := e.clock.Now()
			defer func() { e.clock.Advance(start.Sub(e.clock.Now())) }()
			r := e.call("GET", "/api/v1/auth/me", nil, c.token())
			if r.status != http.StatusUnauthorized {
				t.Fatalf("got %d %s, want 401", r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %q", ct)
			}
		})
	}
	if r := e.call("GET", "/api/v1/auth/me", nil, u.token); r.status != http.StatusOK {
		t.Fatalf("the genuine token: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/auth/me", nil, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("no token: %d", r.status)
	}
}

func TestRefreshRotatesAndDetectsReuse(t *testing.T) {
	e := newEnv(t)
	u := e.register("r@example.test", models.KindExpert, "Chuyên gia R")
	first := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": u.refresh}, "")
	if first.status != http.StatusOK {
		t.Fatalf("refresh: %d %s", first.status, first.body)
	}
	next := first.json()["refresh_token"].(string)
	if next == u.refresh {
		t.Fatal("the refresh token was not rotated")
	}
	if !strings.Contains(first.header.Get("Set-Cookie"), "HttpOnly") {
		t.Fatalf("cookie %q", first.header.Get("Set-Cookie"))
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": u.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("reuse of a rotated token: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": next}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("after reuse the whole family is revoked, got %d", r.status)
	}
	// The cookie works as well as the body.
	u = e.login(u.email, password)
	r := e.call("POST", "/api/v1/auth/refresh", nil, "", "Cookie", "innonet_refresh="+u.refresh)
	if r.status != http.StatusOK {
		t.Fatalf("refresh by cookie: %d %s", r.status, r.body)
	}
}

func TestLogoutAndPasswordChangeRevoke(t *testing.T) {
	e := newEnv(t)
	u := e.register("l@example.test", models.KindStartup, "Công ty L")
	if r := e.call("POST", "/api/v1/auth/logout", map[string]any{"refresh_token": u.refresh}, ""); r.status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": u.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("refresh after logout: %d", r.status)
	}
	u = e.login(u.email, password)
	r := e.call("POST", "/api/v1/auth/password", map[string]any{"current_password": "wrong-password-1", "new_password": "Another-pass-2026!"}, u.token)
	if r.status != http.StatusBadRequest || !contains(r.pointers(), "/current_password") {
		t.Fatalf("wrong current password: %d %s", r.status, r.body)
	}
	r = e.call("POST", "/api/v1/auth/password", map[string]any{"current_password": password, "new_password": "Another-pass-2026!"}, u.token)
	if r.status != http.StatusNoContent {
		t.Fatalf("change password: %d %s", r.status, r.body)
	}
	if r := e.call("POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": u.refresh}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("refresh after a password change: %d", r.status)
	}
	if r := e.call("POST", "/api/v1/auth/login", map[string]any{"email": u.email, "password": password}, ""); r.status != http.StatusUnauthorized {
		t.Fatalf("old password still works: %d", r.status)
	}
	e.login(u.email, "Another-pass-2026!")
}

func TestLoginIsRateLimited(t *testing.T) {
	e := newEnv(t)
	u := e.register("rl@example.test", models.KindStartup, "Công ty RL")
	var last response
	for range 6 {
		last = e.call("POST", "/api/v1/auth/login", map[string]any{"email": u.email, "password": "not-the-password"}, "")
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("sixth attempt: %d (Retry-After %q)", last.status, last.header.Get("Retry-After"))
	}
	e.clock.Advance(2 * time.Minute)
	e.login(u.email, password)
}

func TestRegisterRefusesBadInput(t *testing.T) {
	e := newEnv(t)
	e.register("dup@example.test", models.KindStartup, "Công ty D")
	cases := []struct {
		name    string
		body    any
		status  int
		pointer string
	}{
		{"duplicate email, other case", map[string]any{"email": "DUP@example.test", "password": password, "name": "X Y", "kind": "startup"}, 409, "/email"},
		{"weak password", map[string]any{"email": "w@example.test", "password": "short", "name": "X Y", "kind": "startup"}, 400, "/password"},
		{"unknown kind", map[string]any{"email": "k@example.test", "password": password, "name": "X Y", "kind": "investor"}, 400, "/kind"},
		{"role smuggled in", map[string]any{"email": "r@example.test", "password": password, "name": "X Y", "kind": "startup", "role": "admin"}, 400, "/role"},
		{"missing name", map[string]any{"email": "n@example.test", "password": password, "kind": "startup"}, 400, "/name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.call("POST", "/api/v1/auth/register", c.body, "")
			if r.status != c.status || !contains(r.pointers(), c.pointer) {
				t.Fatalf("got %d %s, want %d naming %s", r.status, r.body, c.status, c.pointer)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
