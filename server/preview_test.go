package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// metaContent returns the content of the meta tag with the property or name key.
func metaContent(page, key string) (string, bool) {
	re := regexp.MustCompile(`<meta (?:property|name)="` + regexp.QuoteMeta(key) + `" content="([^"]*)">`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func TestSharePreviews(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency := e.register("agency@example.test", models.KindAgency, "Sở <Thử> & \"Nghiệm\"")
	e.verify(admin, agency.memberID)
	if r := e.call("PATCH", "/api/v1/members/"+agency.memberID, map[string]any{"version": 2,
		"headline": `Quản lý <script>alert("x")</script> hạ tầng đô thị`}, agency.token); r.status != http.StatusOK {
		t.Fatalf("headline: %d %s", r.status, r.body)
	}
	e.publish(agency)
	r := e.call("GET", "/members/"+agency.memberID, nil, "")
	page := string(r.body)
	if r.status != http.StatusOK || strings.Contains(page, "<script>alert") || strings.Contains(page, "<Thử>") {
		t.Fatalf("member page: %d, user text not escaped:\n%s", r.status, page)
	}
	want := map[string]string{
		"og:title":       "Sở &lt;Thử&gt; &amp; &#34;Nghiệm&#34;",
		"og:description": "Quản lý &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; hạ tầng đô thị",
		"og:url":         testBaseURL + "/members/" + agency.memberID,
		"og:image":       testBaseURL + "/og-image.png",
		"twitter:card":   "summary_large_image",
		"twitter:title":  "Sở &lt;Thử&gt; &amp; &#34;Nghiệm&#34;",
	}
	for key, v := range want {
		if got, ok := metaContent(page, key); !ok || got != v {
			t.Errorf("%s = %q (found %v), want %q", key, got, ok, v)
		}
	}
	if !strings.Contains(page, `<link rel="canonical" href="`+testBaseURL+"/members/"+agency.memberID+`">`) {
		t.Error("no canonical link")
	}
	if !strings.Contains(page, "<title>Sở &lt;Thử&gt; &amp; &#34;Nghiệm&#34; · innonet</title>") || strings.Count(page, `name="description"`) != 1 {
		t.Errorf("title or description not replaced:\n%s", page)
	}

	ch := e.draftChallenge(agency)
	if _, ok := metaContent(string(e.call("GET", "/challenges/"+ch, nil, "").body), "og:title"); ok {
		t.Error("a draft challenge gets a preview")
	}
	e.call("POST", "/api/v1/challenges/"+ch+"/publish", nil, agency.token)
	cp := string(e.call("GET", "/challenges/"+ch, nil, "").body)
	if got, _ := metaContent(cp, "og:title"); got != "Cảnh báo ngập úng theo thời gian thực" {
		t.Errorf("challenge og:title %q", got)
	}
	if got, _ := metaContent(cp, "og:description"); !strings.HasPrefix(got, "Phường cần mạng cảm biến") {
		t.Errorf("challenge og:description %q", got)
	}

	for _, p := range []string{"/members/no-such-id", "/challenges/no-such-id", "/members/" + agency.memberID + "/edit", "/", "/search?q=x"} {
		r := e.call("GET", p, nil, "")
		if _, ok := metaContent(string(r.body), "og:title"); ok || r.status != http.StatusOK || !strings.Contains(string(r.body), "<title>innonet · Mạng lưới") {
			t.Errorf("%s: %d, want the plain page", p, r.status)
		}
	}
	draftMember := e.register("draft@example.test", models.KindStartup, "Bản nháp")
	if _, ok := metaContent(string(e.call("GET", "/members/"+draftMember.memberID, nil, "").body), "og:title"); ok {
		t.Error("an unpublished member gets a preview")
	}
}
