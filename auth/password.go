package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

// maxPasswordBytes bounds the input of hashing, far above what CheckPassword lets through.
const maxPasswordBytes = 1024

// Bounds on the parameters read from a stored hash, so a corrupt one cannot exhaust the machine.
const (
	maxStoredMemory  = 256 * 1024 // KiB
	maxStoredTime    = 32
	maxStoredKeyLen  = 128
	maxStoredSaltLen = 64
)

// Params are the argon2id parameters of a Hasher.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
	// Concurrency caps the hashes that run at once; each holds Memory KiB. It is not part of the hash.
	Concurrency int
}

// DefaultParams returns the OWASP parameters for argon2id: 19 MiB, 2 passes, 1 lane, a 16-byte salt and a 32-byte
// key, with as many concurrent hashes as GOMAXPROCS.
func DefaultParams() Params {
	return Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32, Concurrency: runtime.GOMAXPROCS(0)}
}

// Hasher hashes passwords with argon2id into PHC strings and verifies them. Passwords are normalized to NFKC
// first, so the same password typed as composed or decomposed Unicode (common with Vietnamese input methods)
// matches. It is safe for concurrent use.
type Hasher struct {
	params Params
	sem    chan struct{}
}

// NewHasher returns a Hasher with p; a zero field of p takes its value from DefaultParams. Tests use cheap
// parameters, such as Params{Memory: 64, Time: 1}.
func NewHasher(p Params) *Hasher {
	d := DefaultParams()
	if p.Memory == 0 {
		p.Memory = d.Memory
	}
	if p.Time == 0 {
		p.Time = d.Time
	}
	if p.Threads == 0 {
		p.Threads = d.Threads
	}
	if p.SaltLen == 0 {
		p.SaltLen = d.SaltLen
	}
	if p.KeyLen == 0 {
		p.KeyLen = d.KeyLen
	}
	if p.Concurrency <= 0 {
		p.Concurrency = max(d.Concurrency, 1)
	}
	return &Hasher{params: p, sem: make(chan struct{}, p.Concurrency)}
}

// Params returns the parameters of h.
func (h *Hasher) Params() Params { return h.params }

// Hash returns the PHC string of password, such as "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>". It waits
// for a free slot and fails with CodeUnavailable when ctx ends first.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	switch {
	case password == "":
		return "", models.Invalid(models.FieldError{Pointer: "/password", Detail: "is required"})
	case len(password) > maxPasswordBytes:
		return "", models.Invalid(models.FieldError{Pointer: "/password", Detail: "is too long"})
	}
	p := h.params
	salt := make([]byte, p.SaltLen)
	_, _ = rand.Read(salt)
	key, err := h.derive(ctx, password, salt, p)
	if err != nil {
		return "", err
	}
	return encodePHC(p, salt, key), nil
}

// Verify reports whether password matches the PHC string phc, comparing in constant time, and whether the
// hash should be replaced because its parameters are below those of h (only ever true when ok). A malformed
// phc is a CodeInternal error; a ctx that ends first is a CodeUnavailable error.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (ok, needsRehash bool, err error) {
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return false, false, err
	}
	if len(password) > maxPasswordBytes {
		return false, false, nil
	}
	got, err := h.derive(ctx, password, salt, p)
	if err != nil {
		return false, false, err
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return false, false, nil
	}
	return true, h.weaker(p), nil
}

// DummyVerify spends the time of a Verify without a stored hash, so a login for an unknown account takes as
// long as one for a known account.
func (h *Hasher) DummyVerify(ctx context.Context, password string) error {
	if len(password) > maxPasswordBytes {
		return nil
	}
	_, err := h.derive(ctx, password, make([]byte, h.params.SaltLen), h.params)
	return err
}

// derive runs argon2id once a slot is free.
func (h *Hasher) derive(ctx context.Context, password string, salt []byte, p Params) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, busy(err)
	}
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, busy(ctx.Err())
	}
	defer func() { <-h.sem }()
	return argon2.IDKey([]byte(norm.NFKC.String(password)), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

func (h *Hasher) weaker(p Params) bool {
	c := h.params
	return p.Memory < c.Memory || p.Time < c.Time || p.Threads < c.Threads || p.SaltLen < c.SaltLen || p.KeyLen < c.KeyLen
}

func busy(cause error) error {
	return &models.Error{Code: models.CodeUnavailable, Message: "the server is busy, try again", Err: cause}
}

func encodePHC(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// decodePHC parses "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<key>", strictly.
func decodePHC(phc string) (p Params, salt, key []byte, err error) {
	bad := func(format string, args ...any) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, internalf("auth: malformed password hash: "+format, args...)
	}
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("want 5 fields")
	}
	if parts[1] != "argon2id" {
		return bad("algorithm %.20q", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("version %.20q", parts[2])
	}
	m, t, lanes, ok := parseArgonParams(parts[3])
	if !ok || m < 8*uint32(lanes) || m > maxStoredMemory || t > maxStoredTime {
		return bad("parameters %.40q", parts[3])
	}
	enc := base64.RawStdEncoding.Strict()
	salt, err = enc.DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > maxStoredSaltLen {
		return bad("salt")
	}
	key, err = enc.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > maxStoredKeyLen {
		return bad("key")
	}
	p = Params{Memory: m, Time: t, Threads: lanes, SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	return p, salt, key, nil
}

// parseArgonParams parses "m=<n>,t=<n>,p=<n>" in that order, all positive.
func parseArgonParams(s string) (m, t uint32, p uint8, ok bool) {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return 0, 0, 0, false
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		digits, found := strings.CutPrefix(fields[i], name)
		if !found {
			return 0, 0, 0, false
		}
		v, err := strconv.ParseUint(digits, 10, 32)
		if err != nil || v == 0 || strconv.FormatUint(v, 10) != digits {
			return 0, 0, 0, false
		}
		vals[i] = v
	}
	if vals[2] > 255 {
		return 0, 0, 0, false
	}
	return uint32(vals[0]), uint32(vals[1]), uint8(vals[2]), true
}
