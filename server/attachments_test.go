package server_test

import (
	"bytes"
	"image"
	"image/png"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func attach(t *testing.T, e *env, token, challenge, name string, content []byte) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = mw.Close()
	return e.call("POST", "/api/v1/challenges/"+challenge+"/attachments", body.String(), token, "Content-Type", mw.FormDataContentType())
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAttachments(t *testing.T) {
	e := newEnv(t)
	admin := e.admin()
	agency, ch := e.openChallenge(admin, "agency@example.test")
	other, _ := e.openChallenge(admin, "other@example.test")
	member := e.register("m@example.test", models.KindStartup, "Công ty M")
	pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

	for name, c := range map[string]struct {
		token  string
		status int
	}{"a visitor": {"", http.StatusUnauthorized}, "a member": {member.token, http.StatusForbidden},
		"another agency": {other.token, http.StatusForbidden}} {
		if r := attach(t, e, c.token, ch, "x.pdf", pdf); r.status != c.status {
			t.Errorf("%s uploads: %d, want %d", name, r.status, c.status)
		}
	}
	bad := map[string][]byte{
		"page.png":   []byte("<!doctype html><script>alert(1)</script>"),
		"logo.png":   []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
		"tool.pdf":   append([]byte("MZ\x90\x00"), make([]byte, 64)...),
		"empty.pdf":  {},
		"notes.webp": []byte("plain text"),
	}
	for name, content := range bad {
		if r := attach(t, e, agency.token, ch, name, content); r.status != http.StatusBadRequest || !contains(r.pointers(), "/file") {
			t.Errorf("upload %s: %d %v, want 400 naming /file", name, r.status, r.pointers())
		}
	}
	if r := attach(t, e, agency.token, ch, "big.pdf", append([]byte("%PDF-1.7\n"), make([]byte, testAttachmentLimit)...)); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("an upload over the limit: %d %s, want 413", r.status, r.body)
	}

	good := map[string]struct {
		name, ctype string
		data        []byte
	}{
		"pdf":  {"Bản đồ \"điểm\" trũng.pdf", "application/pdf", pdf},
		"png":  {"../../etc/sơ đồ.PNG", "image/png", pngBytes(t)},
		"jpeg": {"ảnh.txt", "image/jpeg", append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 32)...)},
		"webp": {"w.webp", "image/webp", append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 32)...)},
	}
	ids := map[string]string{}
	for kind, g := range good {
		r := attach(t, e, agency.token, ch, g.name, g.data)
		if r.status != http.StatusCreated || r.json()["content_type"] != g.ctype {
			t.Fatalf("upload %s: %d %s", kind, r.status, r.body)
		}
		ids[kind] = r.json()["id"].(string)
		name := r.json()["name"].(string)
		if strings.ContainsAny(name, `/\"`) {
			t.Errorf("upload %s: the stored name %q keeps a path or a quote", kind, name)
		}
	}
	if n := e.call("GET", "/api/v1/challenges/"+ch+"/attachments", nil, "").json()["items"].([]any); len(n) != 4 {
		t.Errorf("a visitor lists %d attachments, want 4", len(n))
	}

	r := e.call("GET", "/api/v1/challenges/"+ch+"/attachments/"+ids["pdf"], nil, "")
	if r.status != http.StatusOK || !bytes.Equal(r.body, pdf) {
		t.Fatalf("download: %d, %d bytes", r.status, len(r.body))
	}
	if ct := r.header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(r.header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("download headers: %v", r.header)
	}
	disp, params, err := mime.ParseMediaType(r.header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] != "Bản đồ điểm trũng.pdf" {
		t.Errorf("Content-Disposition %q: %v %v", r.header.Get("Content-Disposition"), params, err)
	}
	if r := e.call("GET", "/api/v1/challenges/"+ch+"/attachments/"+ids["png"], nil, ""); r.header.Get("Content-Type") != "image/png" {
		t.Errorf("png served as %q", r.header.Get("Content-Type"))
	}

	// An attachment is reached only through its own challenge.
	_, ch2 := e.openChallenge(admin, "third@example.test")
	if r := e.call("GET", "/api/v1/challenges/"+ch2+"/attachments/"+ids["pdf"], nil, ""); r.status != http.StatusNotFound {
		t.Errorf("download through another challenge: %d, want 404", r.status)
	}
	if r := e.call("DELETE", "/api/v1/challenges/"+ch+"/attachments/"+ids["pdf"], nil, other.token); r.status != http.StatusForbidden {
		t.Errorf("another agency deletes: %d, want 403", r.status)
	}
	if r := e.call("DELETE", "/api/v1/challenges/"+ch+"/attachments/"+ids["pdf"], nil, agency.token); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/challenges/"+ch+"/attachments/"+ids["pdf"], nil, ""); r.status != http.StatusNotFound {
		t.Errorf("download after delete: %d, want 404", r.status)
	}

	// Attachments of a draft are the agency's until it is published.
	draft := e.draftChallenge(agency)
	if r := attach(t, e, agency.token, draft, "d.pdf", pdf); r.status != http.StatusCreated {
		t.Fatalf("upload to a draft: %d %s", r.status, r.body)
	}
	if r := e.call("GET", "/api/v1/challenges/"+draft+"/attachments", nil, member.token); r.status != http.StatusNotFound {
		t.Errorf("a member lists a draft's attachments: %d, want 404", r.status)
	}
}
