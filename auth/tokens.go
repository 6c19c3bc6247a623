package auth

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hanoi-innovation/innonet/models"
)

// Defaults of IssuerConfig.
const (
	DefaultAccessTTL = 15 * time.Minute
	DefaultLeeway    = 30 * time.Second
)

// maxTokenLen bounds what Verify parses; real tokens are about 400 bytes.
const maxTokenLen = 4096

// Claims are what an access token says about its bearer.
type Claims struct {
	Subject   string      // the account id
	Role      models.Role // the account's role when the token was issued
	MemberID  string      // the member profile the account owns, if any
	ID        string      // the token id (jti); Issue makes one when empty
	IssuedAt  time.Time   // set by Issue
	ExpiresAt time.Time   // set by Issue
}

// IssuerConfig configures an Issuer. Keys, Issuer and Audience are required.
type IssuerConfig struct {
	Keys     *KeyRing
	Issuer   string        // the "iss" claim, such as "https://innonet.vn"
	Audience string        // the "aud" claim, such as "innonet-api"
	TTL      time.Duration // lifetime of a token; DefaultAccessTTL when zero
	Leeway   time.Duration // clock skew allowed when checking times; DefaultLeeway when zero
	Clock    models.Clock  // the system clock when nil
}

// Issuer signs and verifies access tokens: JWTs signed with EdDSA, naming their key in the "kid" header. It is
// safe for concurrent use.
type Issuer struct {
	keys     *KeyRing
	issuer   string
	audience string
	ttl      time.Duration
	clock    models.Clock
	parser   *jwt.Parser
}

// NewIssuer checks cfg, fills in its defaults, and returns an Issuer.
func NewIssuer(cfg IssuerConfig) (*Issuer, error) {
	switch {
	case cfg.Keys == nil:
		return nil, internalf("auth: issuer: no key ring")
	case cfg.Issuer == "" || cfg.Audience == "":
		return nil, internalf("auth: issuer: issuer and audience are required")
	case cfg.TTL < 0 || cfg.Leeway < 0:
		return nil, internalf("auth: issuer: negative TTL or leeway")
	}
	if cfg.TTL == 0 {
		cfg.TTL = DefaultAccessTTL
	}
	if cfg.Leeway == 0 {
		cfg.Leeway = DefaultLeeway
	}
	if cfg.Clock == nil {
		cfg.Clock = models.SystemClock{}
	}
	if cfg.Leeway >= cfg.TTL {
		return nil, internalf("auth: issuer: leeway %v must be shorter than the TTL %v", cfg.Leeway, cfg.TTL)
	}
	return &Issuer{
		keys:     cfg.Keys,
		issuer:   cfg.Issuer,
		audience: cfg.Audience,
		ttl:      cfg.TTL,
		clock:    cfg.Clock,
		parser: jwt.NewParser(
			jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
			jwt.WithIssuer(cfg.Issuer),
			jwt.WithAudience(cfg.Audience),
			jwt.WithExpirationRequired(),
			jwt.WithNotBeforeRequired(),
			jwt.WithIssuedAt(),
			jwt.WithLeeway(cfg.Leeway),
			jwt.WithTimeFunc(cfg.Clock.Now),
			jwt.WithStrictDecoding(),
		),
	}, nil
}

// Issue signs an access token for c with the active key and returns it with its expiry. Subject and a known
// Role are required; IssuedAt and ExpiresAt of c are ignored.
func (i *Issuer) Issue(c Claims) (token string, expiresAt time.Time, err error) {
	if c.Subject == "" || !knownRole(c.Role) {
		return "", time.Time{}, internalf("auth: issue: subject and a known role are required")
	}
	if c.ID == "" {
		c.ID = newTokenID()
	}
	now := i.clock.Now()
	exp := jwt.NewNumericDate(now.Add(i.ttl))
	iat := jwt.NewNumericDate(now)
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    i.issuer,
			Subject:   c.Subject,
			Audience:  jwt.ClaimStrings{i.audience},
			ExpiresAt: exp,
			NotBefore: iat,
			IssuedAt:  iat,
			ID:        c.ID,
		},
		Role:     c.Role,
		MemberID: c.MemberID,
	})
	kid, key := i.keys.signer()
	t.Header["kid"] = kid
	token, err = t.SignedString(key)
	if err != nil {
		return "", time.Time{}, internalf("auth: signing a token: %w", err)
	}
	return token, exp.Time, nil
}

// Verify checks an access token: its signature by a known key, its algorithm, issuer, audience and times.
// Any failure is a CodeUnauthorized error with the message "invalid or expired token".
func (i *Issuer) Verify(token string) (*Claims, error) {
	if len(token) > maxTokenLen {
		return nil, unauthorized(errors.New("token too long"))
	}
	var ac accessClaims
	if _, err := i.parser.ParseWithClaims(token, &ac, i.keyFor); err != nil {
		return nil, unauthorized(err)
	}
	return &Claims{
		Subject:   ac.Subject,
		Role:      ac.Role,
		MemberID:  ac.MemberID,
		ID:        ac.ID,
		IssuedAt:  ac.IssuedAt.Time,
		ExpiresAt: ac.ExpiresAt.Time,
	}, nil
}

// keyFor picks the verification key named by the token's kid.
func (i *Issuer) keyFor(t *jwt.Token) (any, error) {
	if t.Method != jwt.SigningMethodEdDSA {
		return nil, fmt.Errorf("unexpected signing method %v", t.Header["alg"])
	}
	kid, ok := t.Header["kid"].(string)
	if !ok || kid == "" {
		return nil, errors.New("missing kid")
	}
	key, ok := i.keys.verifierOrReload(kid)
	if !ok {
		return nil, errors.New("unknown kid")
	}
	return key, nil
}

// accessClaims is the JSON form of Claims.
type accessClaims struct {
	jwt.RegisteredClaims
	Role     models.Role `json:"role"`
	MemberID string      `json:"mid,omitempty"`
}

// Validate adds the checks of innonet to those of the parser; it runs only on a well-signed token.
func (c accessClaims) Validate() error {
	switch {
	case c.Subject == "":
		return errors.New("missing sub")
	case c.ID == "":
		return errors.New("missing jti")
	case c.IssuedAt == nil:
		return errors.New("missing iat")
	case !knownRole(c.Role):
		return errors.New("unknown role")
	}
	return nil
}

func knownRole(r models.Role) bool {
	return r == models.RoleMember || r == models.RoleAdmin
}

// newTokenID returns 128 random bits, base64url-encoded.
func newTokenID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
