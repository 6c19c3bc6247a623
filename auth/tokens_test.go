package auth

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hanoi-innovation/innonet/models"
)

const (
	testIssuer   = "https://innonet.test"
	testAudience = "innonet-api"
)

type tokenFixture struct {
	clock  *fakeClock
	dir    string
	keys   *KeyRing
	issuer *Issuer
}

func newTokenFixture(t *testing.T) *tokenFixture {
	t.Helper()
	f := &tokenFixture{clock: newFakeClock(), dir: t.TempDir()}
	var err error
	f.keys, err = LoadOrCreateKeys(f.dir, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	f.issuer = f.newIssuer(t, IssuerConfig{})
	return f
}

// newIssuer returns an Issuer on the fixture's keys; fields of cfg that are zero take the fixture's values.
func (f *tokenFixture) newIssuer(t *testing.T, cfg IssuerConfig) *Issuer {
	t.Helper()
	if cfg.Keys == nil {
		cfg.Keys = f.keys
	}
	if cfg.Issuer == "" {
		cfg.Issuer = testIssuer
	}
	if cfg.Audience == "" {
		cfg.Audience = testAudience
	}
	if cfg.Clock == nil {
		cfg.Clock = f.clock
	}
	iss, err := NewIssuer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return iss
}

func (f *tokenFixture) issue(t *testing.T) string {
	t.Helper()
	tok, _, err := f.issuer.Issue(Claims{Subject: "ac-1", Role: models.RoleMember, MemberID: "st-1"})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// validClaims are the claims Issue would write at the fixture's time.
func (f *tokenFixture) validClaims() jwt.MapClaims {
	now := f.clock.Now()
	return jwt.MapClaims{
		"iss":  testIssuer,
		"sub":  "ac-1",
		"aud":  []string{testAudience},
		"exp":  now.Add(10 * time.Minute).Unix(),
		"nbf":  now.Unix(),
		"iat":  now.Unix(),
		"jti":  "j-1",
		"role": "member",
		"mid":  "st-1",
	}
}

func (f *tokenFixture) activeKey() (string, ed25519.PrivateKey) { return f.keys.signer() }

// sign builds a token by hand: any method, key, header and claims.
func sign(t *testing.T, method jwt.SigningMethod, key any, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	for k, v := range header {
		if v == nil {
			delete(tok.Header, k)
		} else {
			tok.Header[k] = v
		}
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func without(c jwt.MapClaims, names ...string) jwt.MapClaims {
	for _, n := range names {
		delete(c, n)
	}
	return c
}

func with(c jwt.MapClaims, name string, v any) jwt.MapClaims {
	c[name] = v
	return c
}

func b64(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func assertUnauthorized(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("Verify succeeded, want an error")
	}
	var me *models.Error
	if !errors.As(err, &me) {
		t.Fatalf("error %T %v is not a *models.Error", err, err)
	}
	if me.Code != models.CodeUnauthorized || me.Message != "invalid or expired token" || me.Err == nil {
		t.Errorf("error = %#v, want unauthorized, the fixed message and a cause", me)
	}
	if !errors.Is(err, models.ErrUnauthorized) {
		t.Error("errors.Is(err, models.ErrUnauthorized) = false")
	}
	t.Logf("cause: %v", me.Err)
}

func TestIssueAndVerify(t *testing.T) {
	f := newTokenFixture(t)
	tok, exp, err := f.issuer.Issue(Claims{Subject: "ac-1", Role: models.RoleAdmin, MemberID: "ag-7"})
	if err != nil {
		t.Fatal(err)
	}
	if want := f.clock.Now().Add(DefaultAccessTTL); !exp.Equal(want) {
		t.Errorf("expiresAt = %v, want %v", exp, want)
	}
	got, err := f.issuer.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != "ac-1" || got.Role != models.RoleAdmin || got.MemberID != "ag-7" {
		t.Errorf("claims = %+v", got)
	}
	if len(got.ID) != 22 {
		t.Errorf("jti = %q, want 128 random bits in base64url", got.ID)
	}
	if !got.IssuedAt.Equal(f.clock.Now()) || !got.ExpiresAt.Equal(exp) {
		t.Errorf("times = %v, %v", got.IssuedAt, got.ExpiresAt)
	}
	header, _, _ := strings.Cut(tok, ".")
	raw, err := base64.RawURLEncoding.DecodeString(header)
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	if h["alg"] != "EdDSA" || h["kid"] != f.keys.ActiveKID() {
		t.Errorf("header = %v", h)
	}
}

func TestIssueKeepsGivenIDAndMakesUniqueOnes(t *testing.T) {
	f := newTokenFixture(t)
	tok, _, err := f.issuer.Issue(Claims{Subject: "ac-1", Role: models.RoleMember, ID: "given"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.issuer.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "given" {
		t.Errorf("jti = %q, want %q", c.ID, "given")
	}
	seen := map[string]bool{}
	for range 100 {
		c, err := f.issuer.Verify(f.issue(t))
		if err != nil {
			t.Fatal(err)
		}
		if seen[c.ID] {
			t.Fatalf("jti %q issued twice", c.ID)
		}
		seen[c.ID] = true
	}
}

func TestIssueRejectsIncompleteClaims(t *testing.T) {
	f := newTokenFixture(t)
	for _, c := range []Claims{
		{Role: models.RoleMember},
		{Subject: "ac-1"},
		{Subject: "ac-1", Role: "root"},
	} {
		if _, _, err := f.issuer.Issue(c); models.ErrorCode(err) != models.CodeInternal {
			t.Errorf("Issue(%+v) error = %v, want internal", c, err)
		}
	}
}

func TestNewIssuerRejectsBadConfig(t *testing.T) {
	f := newTokenFixture(t)
	tests := []struct {
		name string
		cfg  IssuerConfig
	}{
		{"no keys", IssuerConfig{Issuer: testIssuer, Audience: testAudience}},
		{"no issuer", IssuerConfig{Keys: f.keys, Audience: testAudience}},
		{"no audience", IssuerConfig{Keys: f.keys, Issuer: testIssuer}},
		{"negative TTL", IssuerConfig{Keys: f.keys, Issuer: testIssuer, Audience: testAudience, TTL: -time.Minute}},
		{"negative leeway", IssuerConfig{Keys: f.keys, Issuer: testIssuer, Audience: testAudience, Leeway: -time.Second}},
		{"leeway above TTL", IssuerConfig{Keys: f.keys, Issuer: testIssuer, Audience: testAudience, TTL: time.Minute, Leeway: time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewIssuer(tt.cfg); models.ErrorCode(err) != models.CodeInternal {
				t.Errorf("NewIssuer error = %v, want internal", err)
			}
		})
	}
}

func TestVerifyTimes(t *testing.T) {
	tests := []struct {
		name    string
		advance time.Duration
		ok      bool
	}{
		{"just issued", 0, true},
		{"before expiry", DefaultAccessTTL - time.Second, true},
		{"expired within leeway", DefaultAccessTTL + DefaultLeeway - time.Second, true},
		{"expired beyond leeway", DefaultAccessTTL + DefaultLeeway + time.Second, false},
		{"a day later", 24 * time.Hour, false},
		{"issued in the future, within leeway", -DefaultLeeway + time.Second, true},
		{"issued in the future, beyond leeway", -DefaultLeeway - time.Second, false},
		{"issued an hour in the future", -time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newTokenFixture(t)
			tok := f.issue(t)
			f.clock.Advance(tt.advance)
			_, err := f.issuer.Verify(tok)
			if tt.ok && err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if !tt.ok {
				assertUnauthorized(t, err)
			}
		})
	}
}

func TestVerifyRejectsForgedTokens(t *testing.T) {
	f := newTokenFixture(t)
	kid, key := f.activeKey()
	pub := key.Public().(ed25519.PublicKey)
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, stranger, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	kidHeader := map[string]any{"kid": kid}
	good := sign(t, jwt.SigningMethodEdDSA, key, kidHeader, f.validClaims())
	if _, err := f.issuer.Verify(good); err != nil {
		t.Fatalf("the hand-made reference token does not verify: %v", err)
	}
	parts := strings.Split(good, ".")

	none := sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kidHeader, f.validClaims())
	tamperedPayload := parts[0] + "." + b64(with(f.validClaims(), "role", "admin")) + "." + parts[2]
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sig[10] ^= 0x01
	tamperedSig := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
	lastChar := parts[2][len(parts[2])-1:]
	swapped := map[string]string{"A": "B"}[lastChar]
	if swapped == "" {
		swapped = "A"
	}
	nonCanonicalSig := good[:len(good)-1] + swapped

	tests := []struct {
		name  string
		token string
	}{
		{"alg none", none},
		{"alg none, empty signature", b64(map[string]any{"alg": "none", "kid": kid, "typ": "JWT"}) + "." + parts[1] + "."},
		{"HS256 keyed with the raw public key", sign(t, jwt.SigningMethodHS256, []byte(pub), kidHeader, f.validClaims())},
		{"HS256 keyed with the public key PEM", sign(t, jwt.SigningMethodHS256, pubPEM, kidHeader, f.validClaims())},
		{"HS512 keyed with the public key DER", sign(t, jwt.SigningMethodHS512, pubDER, kidHeader, f.validClaims())},
		{"RS256", sign(t, jwt.SigningMethodRS256, rsaKey, kidHeader, f.validClaims())},
		{"ES256", sign(t, jwt.SigningMethodES256, ecKey, kidHeader, f.validClaims())},
		{"EdDSA header swapped onto an HS256 token", b64(map[string]any{"alg": "EdDSA", "kid": kid, "typ": "JWT"}) + "." + strings.SplitN(sign(t, jwt.SigningMethodHS256, []byte(pub), kidHeader, f.validClaims()), ".", 2)[1]},
		{"tampered payload", tamperedPayload},
		{"tampered signature", tamperedSig},
		{"signature with its last character changed", nonCanonicalSig},
		{"signature removed", parts[0] + "." + parts[1] + "."},
		{"signature of another token", parts[0] + "." + parts[1] + "." + strings.Split(f.issue(t), ".")[2]},
		{"padded signature", good + "=="},
		{"signed by a stranger under a known kid", sign(t, jwt.SigningMethodEdDSA, stranger, kidHeader, f.validClaims())},
		{"unknown kid", sign(t, jwt.SigningMethodEdDSA, key, map[string]any{"kid": "20260301T090000Z-00000000"}, f.validClaims())},
		{"missing kid", sign(t, jwt.SigningMethodEdDSA, key, nil, f.validClaims())},
		{"empty kid", sign(t, jwt.SigningMethodEdDSA, key, map[string]any{"kid": ""}, f.validClaims())},
		{"numeric kid", sign(t, jwt.SigningMethodEdDSA, key, map[string]any{"kid": 1}, f.validClaims())},
		{"kid as a path", sign(t, jwt.SigningMethodEdDSA, key, map[string]any{"kid": "../" + kid}, f.validClaims())},
		{"missing exp", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "exp"))},
		{"missing nbf", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "nbf"))},
		{"missing iat", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "iat"))},
		{"missing iss", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "iss"))},
		{"missing aud", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "aud"))},
		{"missing sub", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "sub"))},
		{"missing jti", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "jti"))},
		{"missing role", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, without(f.validClaims(), "role"))},
		{"unknown role", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, with(f.validClaims(), "role", "root"))},
		{"exp as a string", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, with(f.validClaims(), "exp", "tomorrow"))},
		{"nbf in the future", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, with(f.validClaims(), "nbf", f.clock.Now().Add(time.Hour).Unix()))},
		{"wrong issuer", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, with(f.validClaims(), "iss", "https://evil.test"))},
		{"wrong audience", sign(t, jwt.SigningMethodEdDSA, key, kidHeader, with(f.validClaims(), "aud", []string{"other-api"}))},
		{"token of another issuer", issueWith(t, f.newIssuer(t, IssuerConfig{Issuer: "https://other.test"}))},
		{"token for another audience", issueWith(t, f.newIssuer(t, IssuerConfig{Audience: "admin-api"}))},
		{"too long", good + "." + strings.Repeat("A", maxTokenLen)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := f.issuer.Verify(tt.token)
			if c != nil {
				t.Errorf("Verify returned claims %+v", c)
			}
			assertUnauthorized(t, err)
		})
	}
}

func issueWith(t *testing.T, i *Issuer) string {
	t.Helper()
	tok, _, err := i.Issue(Claims{Subject: "ac-1", Role: models.RoleMember})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestVerifyRejectsGarbage(t *testing.T) {
	f := newTokenFixture(t)
	good := f.issue(t)
	for _, s := range []string{
		"",
		".",
		"..",
		"...",
		"a.b.c",
		"Bearer " + good,
		" " + good,
		good + " ",
		strings.ReplaceAll(good, ".", ""),
		strings.Join(strings.Split(good, ".")[:2], "."),
		good + ".extra",
		"eyJhbGciOiJFZERTQSJ9.e30.",
		"eyJhbGciOiJFZERTQSJ9.!!!.AAAA",
		"null.null.null",
		"\x00\x00\x00",
		"日本語.日本語.日本語",
		strings.Repeat("a", 10*maxTokenLen),
	} {
		c, err := f.issuer.Verify(s)
		if c != nil {
			t.Errorf("Verify(%.40q) returned claims", s)
		}
		assertUnauthorized(t, err)
	}
}

func TestRotation(t *testing.T) {
	f := newTokenFixture(t)
	oldKid := f.keys.ActiveKID()
	oldToken := f.issue(t)
	f.clock.Advance(time.Minute)
	newKid, err := f.keys.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	if newKid == oldKid || f.keys.ActiveKID() != newKid {
		t.Fatalf("after Rotate active kid = %q, old %q, returned %q", f.keys.ActiveKID(), oldKid, newKid)
	}
	if _, err := f.issuer.Verify(oldToken); err != nil {
		t.Errorf("token signed with the old key: %v", err)
	}
	newToken := f.issue(t)
	if got := tokenKID(t, newToken); got != newKid {
		t.Errorf("new token kid = %q, want %q", got, newKid)
	}
	if _, err := f.issuer.Verify(newToken); err != nil {
		t.Errorf("token signed with the new key: %v", err)
	}
}

func TestRestartVerifiesEarlierTokens(t *testing.T) {
	f := newTokenFixture(t)
	before := f.issue(t)
	f.clock.Advance(time.Minute)
	if _, err := f.keys.Rotate(); err != nil {
		t.Fatal(err)
	}
	rotated := f.issue(t)

	keys, err := LoadOrCreateKeys(f.dir, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	restarted := f.newIssuer(t, IssuerConfig{Keys: keys})
	for name, tok := range map[string]string{"first key": before, "rotated key": rotated} {
		if _, err := restarted.Verify(tok); err != nil {
			t.Errorf("%s: token from before the restart: %v", name, err)
		}
	}
	if _, err := f.issuer.Verify(issueWith(t, restarted)); err != nil {
		t.Errorf("token from after the restart, checked by the old process: %v", err)
	}

	other, err := LoadOrCreateKeys(t.TempDir(), f.clock)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.newIssuer(t, IssuerConfig{Keys: other}).Verify(before); err == nil {
		t.Error("a ring with other keys verified the token")
	}
}

func TestVerifyConcurrentWithRotate(t *testing.T) {
	f := newTokenFixture(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 5 {
			if _, err := f.keys.Rotate(); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 50 {
		if _, err := f.issuer.Verify(f.issue(t)); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}

func tokenKID(t *testing.T, tok string) string {
	t.Helper()
	parsed, _, err := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	kid, _ := parsed.Header["kid"].(string)
	return kid
}
