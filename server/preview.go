package server

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
)

// siteName names the network in share previews.
const siteName = "innonet · Mạng lưới đổi mới sáng tạo Hà Nội"

// previewImage is the network's share image, served from the web app's public files (1200×630).
const previewImage = "/og-image.png"

// previewPath matches the pages that get a share preview: a member or a challenge.
var previewPath = regexp.MustCompile(`^(members|challenges)/([A-Za-z0-9_.:-]{1,64})$`)

// preview is what a shared link shows.
type preview struct {
	title, summary, path string
}

// previewFor returns the preview of a web app path, or false when the path is no member or challenge that
// a visitor may see.
func (s *Server) previewFor(ctx context.Context, p string) (preview, bool) {
	m := previewPath.FindStringSubmatch(p)
	if m == nil || s.app == nil {
		return preview{}, false
	}
	id := m[2]
	switch m[1] {
	case "members":
		mb, err := s.app.Member(ctx, nil, id)
		if err != nil {
			return preview{}, false
		}
		return preview{title: mb.Name, summary: firstOf(mb.Headline, mb.Description), path: "/members/" + url.PathEscape(id)}, true
	default:
		c, err := s.app.Challenge(ctx, nil, id)
		if err != nil {
			return preview{}, false
		}
		return preview{title: c.Title, summary: c.Description, path: "/challenges/" + url.PathEscape(id)}, true
	}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// clip shortens s to at most n characters on a word boundary, with an ellipsis, and flattens whitespace.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:-") + "…"
}

// withPreview puts the Open Graph and Twitter card meta of pv into the index page, and its title. Every
// value is HTML-escaped.
func (s *Server) withPreview(index []byte, pv preview) []byte {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	title := clip(pv.title, 200)
	summary := clip(pv.summary, 300)
	if summary == "" {
		summary = siteName
	}
	var b strings.Builder
	meta := func(attr, key, value string) {
		b.WriteString(`<meta ` + attr + `="` + key + `" content="` + html.EscapeString(value) + `">` + "\n")
	}
	meta("property", "og:type", "website")
	meta("property", "og:site_name", siteName)
	meta("property", "og:title", title)
	meta("property", "og:description", summary)
	meta("property", "og:url", base+pv.path)
	meta("property", "og:image", base+previewImage)
	meta("property", "og:image:width", "1200")
	meta("property", "og:image:height", "630")
	meta("property", "og:image:alt", siteName)
	meta("property", "og:locale", "vi_VN")
	meta("name", "twitter:card", "summary_large_image")
	meta("name", "twitter:title", title)
	meta("name", "twitter:description", summary)
	meta("name", "twitter:image", base+previewImage)
	b.WriteString(`<link rel="canonical" href="` + html.EscapeString(base+pv.path) + `">` + "\n")

	out := index
	if i, j := bytes.Index(out, []byte("<title>")), bytes.Index(out, []byte("</title>")); i >= 0 && j > i {
		out = append(append(append([]byte{}, out[:i+len("<title>")]...), html.EscapeString(title+" · innonet")...), out[j:]...)
	}
	if i := bytes.Index(out, []byte(`<meta name="description"`)); i >= 0 {
		if j := bytes.IndexByte(out[i:], '>'); j >= 0 {
			out = append(append(append([]byte{}, out[:i]...), `<meta name="description" content="`+html.EscapeString(summary)+`">`...), out[i+j+1:]...)
		}
	}
	if i := bytes.Index(out, []byte("</head>")); i >= 0 {
		return append(append(append([]byte{}, out[:i]...), b.String()...), out[i:]...)
	}
	return out
}
