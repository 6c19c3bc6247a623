package notify

import (
	"fmt"
	"net/url"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// Paths of the web app pages that one-time links open, by the kind of token.
var letterPaths = map[models.TokenKind]string{
	models.TokenVerifyEmail:   "/verify-email",
	models.TokenResetPassword: "/reset-password",
	models.TokenClaimProfile:  "/claim",
	models.TokenStaffInvite:   "/accept-invite",
}

// hanoi is the time zone the expiry of a link is written in.
var hanoi = time.FixedZone("GMT+7", 7*3600)

// Letter is an account email with a one-time link: verify an email, reset a password, claim a profile, join
// a staff. Names are user text: the HTML templates escape them.
type Letter struct {
	Kind       models.TokenKind
	Secret     string
	ExpiresAt  time.Time
	MemberName string
	InvitedBy  string
	Role       models.StaffRole
	// URL and Expires are filled in by Account.
	URL     string
	Expires string
}

// LetterURL is the web page a one-time link opens, with its secret.
func (r *Renderer) LetterURL(kind models.TokenKind, secret string) string {
	return r.BaseURL + letterPaths[kind] + "?token=" + url.QueryEscape(secret)
}

// Account renders an account email with a one-time link. It has no unsubscribe link: it was asked for.
func (r *Renderer) Account(lang string, to Recipient, l Letter) (Rendered, error) {
	if _, ok := letterPaths[l.Kind]; !ok {
		return Rendered{}, fmt.Errorf("no account email for tokens of kind %q", l.Kind)
	}
	to.UnsubscribeToken = ""
	v := r.view(lang, to)
	l.URL = r.LetterURL(l.Kind, l.Secret)
	l.Expires = l.ExpiresAt.In(hanoi).Format("15:04 02/01/2006 (GMT+7)")
	v.Letter = l
	out, err := r.renderAs("account."+string(l.Kind)+".subject", "account", v)
	return out, err
}
