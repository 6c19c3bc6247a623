package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const importFile = `{"id": "st-9001", "kind": "startup", "name": "Giao Thông Xanh", "headline": "Điều khiển đèn tín hiệu giao thông thông minh bằng camera AI", "description": "Đếm phương tiện và điều chỉnh pha đèn theo thời gian thực.", "sectors": ["mobility"], "skills": ["computer vision", "giao thông thông minh"], "ward": "Cầu Giấy", "languages": ["vi"]}
{"id": "ex-9001", "kind": "expert", "name": "Lê Thu Hà", "headline": "Chuyên gia chất lượng không khí", "description": "Nghiên cứu bụi mịn PM2.5 và cảm biến giá rẻ.", "sectors": ["environment_air"], "skills": ["air quality", "iot"], "ward": "Đống Đa", "languages": ["vi", "en"], "organization": "Viện Môi trường", "years_experience": 12, "available_for": ["consulting"]}
{"id": "st-9002", "kind": "startup", "name": "Bad Row", "sectors": ["space_mining"]}
{"id": "st-9003", "kind": "startup", "name": 42}
`

func upload(t *testing.T, e *env, token, kind, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("type", kind)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return e.call("POST", "/api/v1/admin/import", body.String(), token, "Content-Type", mw.FormDataContentType())
}

func TestAdminImportSearchAndExport(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	member := e.register("m@example.test", models.KindStartup, "Công ty M")
	if r := upload(t, e, member.token, "members", "members.jsonl", importFile); r.status != http.StatusForbidden {
		t.Fatalf("a member imports: %d %s", r.status, r.body)
	}
	r := upload(t, e, admin.token, "members", "members.jsonl", importFile)
	if r.status != http.StatusOK {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	rep := r.json()
	if rep["rows"].(float64) != 4 || rep["imported"].(float64) != 2 || len(rep["errors"].([]any)) != 2 {
		t.Fatalf("report: %s", r.body)
	}
	rows := map[float64]bool{}
	for _, e := range rep["errors"].([]any) {
		rows[e.(map[string]any)["row"].(float64)] = true
	}
	if !rows[3] || !rows[4] {
		t.Fatalf("bad rows reported as %v, want 3 and 4", rows)
	}
	if r := upload(t, e, admin.token, "members", "members.jsonl", importFile); r.json()["imported"].(float64) != 2 {
		t.Fatalf("re-import: %s", r.body)
	}
	if total := e.call("GET", "/api/v1/members?per_page=1", nil, "").json()["total"].(float64); total != 2 {
		t.Fatalf("after a re-import the directory holds %v members, want 2", total)
	}
	e.settle()

	for _, q := range []string{"giao thong", "giao thông", "traffic lights", "Giao Thong Xanh"} {
		r := e.call("GET", "/api/v1/members?"+url.Values{"q": {q}}.Encode(), nil, "")
		items, _ := r.json()["items"].([]any)
		if r.status != http.StatusOK || len(items) == 0 || items[0].(map[string]any)["id"] != "st-9001" {
			t.Fatalf("search %q: %d %s", q, r.status, r.body)
		}
		if q == "giao thong" {
			hl, _ := items[0].(map[string]any)["highlights"].(map[string]any)
			if !strings.Contains(strings.ToLower(anyJoin(hl)), "<mark>giao</mark>") && !strings.Contains(anyJoin(hl), "<mark>Giao</mark>") {
				t.Fatalf("no accented highlight: %v", hl)
			}
		}
	}
	r = e.call("GET", "/api/v1/members?q=kh%C3%B4ng+kh%C3%AD&facets=kind,sector", nil, "")
	if facets, _ := r.json()["facets"].(map[string]any); facets["kind"] == nil || facets["sector"] == nil {
		t.Fatalf("facets: %s", r.body)
	}
	if r := e.call("GET", "/api/v1/suggest?q=gi", nil, ""); r.status != http.StatusOK || len(r.json()["items"].([]any)) == 0 {
		t.Fatalf("suggest: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/members?q="+url.QueryEscape(strings.Repeat("🚦 giao thông ", 70)), nil, ""); r.status != http.StatusOK && r.status != http.StatusBadRequest {
		t.Fatalf("a long odd query: %d", r.status)
	}

	r = e.call("GET", "/api/v1/admin/export?type=members&format=csv", nil, admin.token)
	if r.status != http.StatusOK || !strings.Contains(string(r.body), "st-9001") || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %q %s", r.status, r.header.Get("Content-Disposition"), r.body)
	}
	if r := upload(t, e, admin.token, "members", "export.csv", string(r.body)); r.status != http.StatusOK || r.json()["imported"].(float64) < 2 {
		t.Fatalf("re-importing the export: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/admin/export?type=members", nil, member.token); r.status != http.StatusForbidden {
		t.Fatalf("a member exports: %d", r.status)
	}
}

func anyJoin(m map[string]any) string {
	var b strings.Builder
	for _, v := range m {
		for _, s := range v.([]any) {
			b.WriteString(s.(string))
		}
	}
	return b.String()
}

func TestProfileUpdateIsSearchableWithinASecond(t *testing.T) {
	e := newEnv(t)
	u := e.register("fresh@example.test", models.KindStartup, "Công ty Mới")
	e.publish(u)
	start := time.Now()
	if r := e.call("PATCH", "/api/v1/members/"+u.memberID, map[string]any{"version": 2, "headline": "Cảm biến quan trắc zyxwvut"}, u.token); r.status != http.StatusOK {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	for {
		items, _ := e.call("GET", "/api/v1/members?q=zyxwvut", nil, "").json()["items"].([]any)
		if len(items) == 1 {
			break
		}
		if time.Since(start) > time.Second {
			t.Fatal("the update was not searchable within a second")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
