package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestMetrics: /metrics serves HTTP latency by route pattern (not by raw path), search latency by kind and
// the gauges read at scrape time.
func TestMetrics(t *testing.T) {
	e := newEnv(t)
	u := e.register("metrics@example.test", models.KindStartup, "Đo Lường")
	e.publish(u)
	e.settle()
	if r := e.call("GET", "/api/v1/members?q=do+luong", nil, ""); r.status != http.StatusOK {
		t.Fatalf("search: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/members/"+u.memberID, nil, ""); r.status != http.StatusOK {
		t.Fatalf("profile: %d %s", r.status, r.body)
	}
	r := e.call("GET", "/metrics", nil, "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %q", r.status, r.header.Get("Content-Type"))
	}
	body := string(r.body)
	for _, want := range []string{
		`innonet_http_request_duration_seconds_count{method="GET",route="/api/v1/members",status="200"} 1`,
		`innonet_http_request_duration_seconds_count{method="GET",route="/api/v1/members/:id",status="200"} 1`,
		`innonet_search_duration_seconds_count{kind="members"} 1`,
		`innonet_index_lag_changes 0`,
		`innonet_outbox_depth 0`,
		`innonet_search_postings_cache_hits_total `,
		`innonet_mails_total{outcome="failed"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !regexp.MustCompile(`(?m)^innonet_search_postings_cache_bytes [1-9]`).MatchString(body) ||
		!regexp.MustCompile(`(?m)^innonet_search_postings_cache_misses_total [1-9]`).MatchString(body) {
		t.Error("/metrics does not show the postings the search decoded and cached")
	}
	if regexp.MustCompile(`route="/api/v1/members/(st|mb)-`).MatchString(body) {
		t.Error("a raw path became a route label")
	}
}
