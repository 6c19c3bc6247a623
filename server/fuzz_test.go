package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// send is env.call for fuzz targets: failures belong to the fuzzing t, and nothing is marshalled.
func (e *env) send(t *testing.T, method, path string, body []byte, header http.Header) (int, http.Header, []byte) {
	req, err := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil // not a request a client could send
	}
	req.Header = header
	res, err := http.DefaultClient.Do(req)
	if err != nil && strings.Contains(err.Error(), "invalid header field") {
		return 0, nil, nil // the client refuses to send it
	}
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// checkAnswer fails on a server error, and on an error that is not a problem document with its status.
func checkAnswer(t *testing.T, what string, status int, header http.Header, body []byte) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("%s: %d %s", what, status, body)
	}
	if status < 400 {
		return
	}
	var p struct {
		Status int    `json:"status"`
		Title  string `json:"title"`
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") ||
		json.Unmarshal(body, &p) != nil || p.Status != status || p.Title == "" {
		t.Fatalf("%s: %d answered with %q %s", what, status, header.Get("Content-Type"), body)
	}
}

// FuzzAuthorizationHeader sends arbitrary Authorization headers: only a token the server issued signs in;
// anything else is a 401 problem, never a server error. Seeds are in testdata/fuzz.
func FuzzAuthorizationHeader(f *testing.F) {
	e := newEnv(f)
	u := e.register("fuzz-auth@example.test", models.KindStartup, "Fuzz Auth")
	for _, s := range []string{
		"Bearer " + u.token, "Bearer", "Bearer ", "bearer " + u.token, "Basic dXNlcjpwYXNz", "Bearer a.b.c",
		"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer " + u.token + "x", "Bearer " + strings.Repeat("A", 5000),
		"Bearer \x00", "Token " + u.token,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		h := http.Header{}
		h.Set("Authorization", value)
		status, header, body := e.send(t, "GET", "/api/v1/auth/me", nil, h)
		if status == 0 {
			return
		}
		checkAnswer(t, "GET /auth/me", status, header, body)
		if status == http.StatusOK && value != "Bearer "+u.token && !strings.EqualFold(value, "bearer "+u.token) {
			t.Fatalf("signed in with %q", value)
		}
		if status != http.StatusOK && status != http.StatusUnauthorized {
			t.Fatalf("Authorization %q: %d %s", value, status, body)
		}
	})
}

// FuzzJSONBodies sends arbitrary bodies to the endpoints that take JSON, signed in where they need it: bad
// input is a 4xx problem (with the field at fault when the body parses), never a server error.
func FuzzJSONBodies(f *testing.F) {
	e := newEnv(f)
	startup := e.register("fuzz-startup@example.test", models.KindStartup, "Fuzz Startup")
	agency := e.register("fuzz-agency@example.test", models.KindAgency, "Sở Fuzz")
	challenge := e.draftChallenge(agency)
	type endpoint struct {
		method, path, token string
	}
	endpoints := []endpoint{
		{"POST", "/api/v1/auth/register", ""},
		{"POST", "/api/v1/auth/login", ""},
		{"POST", "/api/v1/auth/refresh", ""},
		{"PATCH", "/api/v1/members/" + startup.memberID, startup.token},
		{"POST", "/api/v1/challenges", agency.token},
		{"PATCH", "/api/v1/challenges/" + challenge, agency.token},
		{"POST", "/api/v1/challenges/" + challenge + "/interests", startup.token},
		{"PUT", "/api/v1/me/preferences", startup.token},
	}
	for i := range endpoints {
		for _, s := range []string{
			`{}`, `null`, `[]`, `""`, `{"email":"a@b.c","password":"x"}`, `{"name":{"$gt":""}}`, `{"version":-1}`,
			`{"title":"` + strings.Repeat("x", 3000) + `"}`, `{"skills":[1,2,3]}`, `{"kind":"admin","role":"admin"}`,
			`{"name":"\u0000"}`, `{"deadline":"2026-02-30"}`, `{"a":` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`,
			"\xff\xfe{", `{"name":"Công ty","name":"Dup"}`,
		} {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		ep := endpoints[int(which)%len(endpoints)]
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		h.Set("If-Match", `"1"`)
		if ep.token != "" {
			h.Set("Authorization", "Bearer "+ep.token)
		}
		status, header, resBody := e.send(t, ep.method, ep.path, body, h)
		if status == 0 {
			return
		}
		checkAnswer(t, ep.method+" "+ep.path, status, header, resBody)
	})
}
