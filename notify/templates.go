package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strings"
	texttemplate "text/template"

	"github.com/hanoi-innovation/innonet/models"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// The languages of the emails; any other language gets Vietnamese.
const (
	LangVI = "vi"
	LangEN = "en"
)

// Paths of the web app that every email links to, relative to the base URL.
const (
	SettingsPath    = "/settings/notifications"
	InboxPath       = "/notifications"
	UnsubscribePath = "/api/v1/notifications/unsubscribe"
)

// maxListed caps the items an email lists; the rest are counted and left to the inbox.
const maxListed = 50

// Recipient is who an email goes to.
type Recipient struct {
	AccountID string
	Name      string
	Email     string
	// UnsubscribeToken, when set, adds the one-click unsubscribe link and List-Unsubscribe header.
	UnsubscribeToken string
}

// RecipientOf returns the recipient of an account with its preferences (p may be nil).
func RecipientOf(a *models.Account, p *models.Preferences) Recipient {
	r := Recipient{AccountID: a.ID, Name: a.Name, Email: a.Email}
	if p != nil {
		r.UnsubscribeToken = p.UnsubscribeToken
	}
	return r
}

// Item is one challenge that fits the recipient, in a match email or a digest. Titles and names are user
// text: the HTML templates escape them.
type Item struct {
	ChallengeID    string
	ChallengeTitle string
	AgencyName     string // may be empty
	URL            string
	Score          int // 0 to 100
	Reasons        []models.Reason
}

// InterestUpdate is the news of an interest or proposal. With Status submitted it is mailed to the agency
// (MemberName sent it); otherwise to the member whose interest the agency shortlisted, declined or selected.
type InterestUpdate struct {
	Kind           models.InterestKind
	Status         models.InterestStatus
	ChallengeTitle string
	AgencyName     string
	MemberName     string
	URL            string
}

// QuestionNews is the news of a question on a challenge: asked (mailed to the agency) or answered (mailed to
// the asker). The texts stay on the challenge page; the email links there.
type QuestionNews struct {
	Answered       bool
	ChallengeTitle string
	AgencyName     string
	URL            string
}

// Rendered is an email ready for the outbox.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
	// Unsubscribe is the one-click unsubscribe URL (the List-Unsubscribe header); empty without a token.
	Unsubscribe string
}

// Renderer renders the emails from the embedded templates. Build it with NewRenderer; it is safe for
// concurrent use.
type Renderer struct {
	BaseURL  string
	SiteName string
	html     map[string]*htmltemplate.Template
	text     map[string]*texttemplate.Template
}

// NewRenderer parses the templates once. baseURL is where the web app is served, without a trailing slash.
func NewRenderer(baseURL, siteName string) (*Renderer, error) {
	r := &Renderer{
		BaseURL:  strings.TrimRight(baseURL, "/"),
		SiteName: siteName,
		html:     map[string]*htmltemplate.Template{},
		text:     map[string]*texttemplate.Template{},
	}
	for _, lang := range []string{LangVI, LangEN} {
		funcs := map[string]any{"reason": reasonIn(lang)}
		h, err := htmltemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html.tmpl", "templates/"+lang+".html.tmpl",
			"templates/account_"+lang+".html.tmpl")
		if err != nil {
			return nil, fmt.Errorf("parsing the %s html templates: %w", lang, err)
		}
		t, err := texttemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/"+lang+".txt.tmpl", "templates/account_"+lang+".txt.tmpl")
		if err != nil {
			return nil, fmt.Errorf("parsing the %s text templates: %w", lang, err)
		}
		r.html[lang], r.text[lang] = h, t
	}
	return r, nil
}

func reasonIn(lang string) func(models.Reason) string {
	return func(r models.Reason) string {
		if lang == LangEN && r.EN != "" || r.VI == "" {
			return r.EN
		}
		return r.VI
	}
}

// Language returns the email language for a preference: "en" or, for anything else, "vi".
func Language(lang string) string {
	if strings.EqualFold(strings.TrimSpace(lang), LangEN) {
		return LangEN
	}
	return LangVI
}

// ChallengeURL is the web page of a challenge.
func (r *Renderer) ChallengeURL(challengeID string) string {
	return r.BaseURL + "/challenges/" + url.PathEscape(challengeID)
}

// UnsubscribeURL is the one-click unsubscribe link for a token, or "" without one.
func (r *Renderer) UnsubscribeURL(token string) string {
	if token == "" {
		return ""
	}
	return r.BaseURL + UnsubscribePath + "?token=" + url.QueryEscape(token)
}

// ItemOf returns the item of a match notification; agencyName may be empty.
func (r *Renderer) ItemOf(n *models.Notification, agencyName string) Item {
	return Item{ChallengeID: n.ChallengeID, ChallengeTitle: n.Title, AgencyName: agencyName,
		URL: r.ChallengeURL(n.ChallengeID), Score: n.Score, Reasons: n.Reasons}
}

// view is what every template sees.
type view struct {
	Lang           string
	Site           string
	Name           string
	SettingsURL    string
	InboxURL       string
	UnsubscribeURL string
	Items          []Item
	More           int
	Frequency      models.Frequency
	Interest       InterestUpdate
	Question       QuestionNews
	Letter         Letter
}

// Match renders the email telling to that one or more new challenges fit them.
func (r *Renderer) Match(lang string, to Recipient, items []Item) (Rendered, error) {
	if len(items) == 0 {
		return Rendered{}, fmt.Errorf("a match email needs at least one item")
	}
	v := r.view(lang, to)
	v.Items, v.More = listed(items)
	return r.render("match", v)
}

// Digest renders the daily or weekly digest of the challenges that fit to since the last one.
func (r *Renderer) Digest(lang string, to Recipient, freq models.Frequency, items []Item) (Rendered, error) {
	if len(items) == 0 {
		return Rendered{}, fmt.Errorf("a digest needs at least one item")
	}
	v := r.view(lang, to)
	v.Items, v.More = listed(items)
	v.Frequency = freq
	return r.render("digest", v)
}

// InterestStatus renders the news of an interest or proposal.
func (r *Renderer) InterestStatus(lang string, to Recipient, u InterestUpdate) (Rendered, error) {
	v := r.view(lang, to)
	v.Interest = u
	return r.render("interest", v)
}

// QuestionStatus renders the news of a question asked or answered.
func (r *Renderer) QuestionStatus(lang string, to Recipient, q QuestionNews) (Rendered, error) {
	v := r.view(lang, to)
	v.Question = q
	return r.render("question", v)
}

func (r *Renderer) view(lang string, to Recipient) view {
	return view{
		Lang:           Language(lang),
		Site:           r.SiteName,
		Name:           to.Name,
		SettingsURL:    r.BaseURL + SettingsPath,
		InboxURL:       r.BaseURL + InboxPath,
		UnsubscribeURL: r.UnsubscribeURL(to.UnsubscribeToken),
	}
}

func listed(items []Item) ([]Item, int) {
	if len(items) > maxListed {
		return items[:maxListed], len(items) - maxListed
	}
	return items, 0
}

func (r *Renderer) render(name string, v view) (Rendered, error) {
	return r.renderAs(name+".subject", name, v)
}

func (r *Renderer) renderAs(subjectName, name string, v view) (Rendered, error) {
	var subject, text, html bytes.Buffer
	if err := r.text[v.Lang].ExecuteTemplate(&subject, subjectName, v); err != nil {
		return Rendered{}, err
	}
	if err := r.text[v.Lang].ExecuteTemplate(&text, name, v); err != nil {
		return Rendered{}, err
	}
	if err := r.html[v.Lang].ExecuteTemplate(&html, name, v); err != nil {
		return Rendered{}, err
	}
	return Rendered{
		Subject:     strings.Join(strings.Fields(subject.String()), " "),
		Text:        tidy(text.String()),
		HTML:        html.String(),
		Unsubscribe: v.UnsubscribeURL,
	}, nil
}

// tidy trims the text and keeps at most one blank line in a row, so the templates may space freely.
func tidy(s string) string {
	s = strings.TrimSpace(s)
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s + "\n"
}
