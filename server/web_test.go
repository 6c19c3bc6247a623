package server_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestWebAppRoutes(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/", http.StatusOK, "innonet"},
		{"HEAD", "/", http.StatusOK, ""},
		{"GET", "/members/st-0001", http.StatusOK, "innonet"},
		{"GET", "/api/v1/no-such-route", http.StatusNotFound, "not_found"},
		{"PUT", "/", http.StatusMethodNotAllowed, ""},
		{"GET", "/api/v1/openapi.yaml", http.StatusOK, "openapi: 3.0.3"},
	}
	for _, c := range cases {
		r := e.call(c.method, c.path, nil, "")
		if r.status != c.status || !strings.Contains(string(r.body), c.body) {
			t.Errorf("%s %s: %d %.80s, want %d with %q", c.method, c.path, r.status, r.body, c.status, c.body)
		}
		if r.header.Get("Content-Security-Policy") == "" || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: security headers missing", c.method, c.path)
		}
	}
}
