package auth

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// cheap are argon2id parameters fast enough for tests.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

var phcPattern = regexp.MustCompile(`^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap)
	phc, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !phcPattern.MatchString(phc) || !strings.HasPrefix(phc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not the PHC string expected", phc)
	}
	tests := []struct {
		password string
		ok       bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery staplE", false},
		{"correct horse battery staple ", false},
		{"", false},
		{strings.Repeat("x", maxPasswordBytes+1), false},
	}
	for _, tt := range tests {
		ok, rehash, err := h.Verify(ctx, tt.password, phc)
		if err != nil || ok != tt.ok || rehash {
			t.Errorf("Verify(%.30q) = %v, %v, %v; want %v, false, nil", tt.password, ok, rehash, err, tt.ok)
		}
	}
}

func TestHashSaltsEachTime(t *testing.T) {
	h := NewHasher(cheap)
	a, err := h.Hash(context.Background(), "same password")
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Hash(context.Background(), "same password")
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Error("two hashes of one password are equal")
	}
}

func TestHashRejectsEmptyAndHugePasswords(t *testing.T) {
	h := NewHasher(cheap)
	for _, pw := range []string{"", strings.Repeat("x", maxPasswordBytes+1)} {
		_, err := h.Hash(context.Background(), pw)
		if models.ErrorCode(err) != models.CodeInvalid || models.ErrorFields(err)[0].Pointer != "/password" {
			t.Errorf("Hash(%d bytes) error = %v, want invalid /password", len(pw), err)
		}
	}
}

func TestVerifyNormalizesUnicode(t *testing.T) {
	composed := "mật khẩu của tôi"
	decomposed := "ma\u0323\u0302t kha\u0302\u0309u cu\u0309a to\u0302i"
	if composed == decomposed {
		t.Fatal("test strings are equal bytes")
	}
	h := NewHasher(cheap)
	phc, err := h.Hash(context.Background(), composed)
	if err != nil {
		t.Fatal(err)
	}
	ok, _, err := h.Verify(context.Background(), decomposed, phc)
	if err != nil || !ok {
		t.Errorf("decomposed form of the password: ok = %v, err = %v", ok, err)
	}
}

func TestVerifyNeedsRehash(t *testing.T) {
	ctx := context.Background()
	base := Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	phc, err := NewHasher(base).Hash(ctx, "a fine password")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		current Params
		rehash  bool
	}{
		{"same parameters", base, false},
		{"more memory", Params{Memory: 128, Time: 1, Threads: 1}, true},
		{"more passes", Params{Memory: 64, Time: 2, Threads: 1}, true},
		{"more lanes", Params{Memory: 64, Time: 1, Threads: 2}, true},
		{"longer salt", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 32}, true},
		{"longer key", Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 64}, true},
		{"fewer passes", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 8, KeyLen: 16}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := NewHasher(tt.current)
			ok, rehash, err := h.Verify(ctx, "a fine password", phc)
			if err != nil || !ok || rehash != tt.rehash {
				t.Errorf("Verify = %v, %v, %v; want true, %v, nil", ok, rehash, err, tt.rehash)
			}
			ok, rehash, err = h.Verify(ctx, "a wrong password", phc)
			if err != nil || ok || rehash {
				t.Errorf("Verify(wrong) = %v, %v, %v; want false, false, nil", ok, rehash, err)
			}
		})
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	h := NewHasher(cheap)
	good, err := h.Hash(context.Background(), "a fine password")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(good, "$")
	join := func(parts ...string) string { return "$" + strings.Join(parts, "$") }
	salt, key := f[4], f[5]
	tests := []struct {
		name string
		phc  string
	}{
		{"empty", ""},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", join("argon2i", "v=19", "m=64,t=1,p=1", salt, key)},
		{"argon2d", join("argon2d", "v=19", "m=64,t=1,p=1", salt, key)},
		{"version 16", join("argon2id", "v=16", "m=64,t=1,p=1", salt, key)},
		{"no version", join("argon2id", "m=64,t=1,p=1", salt, key)},
		{"params out of order", join("argon2id", "v=19", "t=1,m=64,p=1", salt, key)},
		{"extra param", join("argon2id", "v=19", "m=64,t=1,p=1,k=2", salt, key)},
		{"zero passes", join("argon2id", "v=19", "m=64,t=0,p=1", salt, key)},
		{"zero lanes", join("argon2id", "v=19", "m=64,t=1,p=0", salt, key)},
		{"256 lanes", join("argon2id", "v=19", "m=4096,t=1,p=256", salt, key)},
		{"memory below 8 per lane", join("argon2id", "v=19", "m=8,t=1,p=2", salt, key)},
		{"huge memory", join("argon2id", "v=19", "m=4194304,t=1,p=1", salt, key)},
		{"huge passes", join("argon2id", "v=19", "m=64,t=1000,p=1", salt, key)},
		{"leading zero", join("argon2id", "v=19", "m=064,t=1,p=1", salt, key)},
		{"plus sign", join("argon2id", "v=19", "m=+64,t=1,p=1", salt, key)},
		{"negative", join("argon2id", "v=19", "m=-64,t=1,p=1", salt, key)},
		{"padded salt", join("argon2id", "v=19", "m=64,t=1,p=1", salt+"==", key)},
		{"url-safe salt", join("argon2id", "v=19", "m=64,t=1,p=1", strings.NewReplacer("+", "-", "/", "_").Replace(salt)+"-_", key)},
		{"short salt", join("argon2id", "v=19", "m=64,t=1,p=1", "AAAA", key)},
		{"short key", join("argon2id", "v=19", "m=64,t=1,p=1", salt, "AAAAAAAA")},
		{"bad base64 key", join("argon2id", "v=19", "m=64,t=1,p=1", salt, key[:len(key)-1]+"!")},
		{"missing key", join("argon2id", "v=19", "m=64,t=1,p=1", salt)},
		{"trailing field", good + "$x"},
		{"no leading dollar", strings.TrimPrefix(good, "$")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := h.Verify(context.Background(), "a fine password", tt.phc)
			if ok || rehash || models.ErrorCode(err) != models.CodeInternal {
				t.Errorf("Verify = %v, %v, %v; want false, false, internal error", ok, rehash, err)
			}
		})
	}
}

// TestVerifyInterop checks a hash made by another implementation: the example of the argon2-cffi README.
func TestVerifyInterop(t *testing.T) {
	const phc = "$argon2id$v=19$m=65536,t=3,p=4$MIIRqgvgQbgj220jfp0MPA$YfwJSVjtjSU0zzV/P3S9nnQ/USre2wvJMjfCIjrTQbg"
	h := NewHasher(Params{})
	ok, rehash, err := h.Verify(context.Background(), "correct horse battery staple", phc)
	if err != nil || !ok || rehash {
		t.Errorf("Verify = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
	ok, _, err = h.Verify(context.Background(), "Tr0ub4dor&3", phc)
	if err != nil || ok {
		t.Errorf("Verify(wrong) = %v, %v; want false, nil", ok, err)
	}
}

func TestHashWithDefaultParams(t *testing.T) {
	h := NewHasher(Params{})
	if got, want := h.Params(), DefaultParams(); got != want {
		t.Errorf("params = %+v, want %+v", got, want)
	}
	phc, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=19456,t=2,p=1$") || !phcPattern.MatchString(phc) {
		t.Errorf("hash = %q", phc)
	}
	ok, rehash, err := h.Verify(context.Background(), "correct horse battery staple", phc)
	if err != nil || !ok || rehash {
		t.Errorf("Verify = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
	if err := h.DummyVerify(context.Background(), "whatever"); err != nil {
		t.Errorf("DummyVerify: %v", err)
	}
}

func TestHasherHonorsContext(t *testing.T) {
	h := NewHasher(Params{Memory: 64, Time: 1, Concurrency: 1})
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(canceled, "a fine password"); !errors.Is(err, context.Canceled) || models.ErrorCode(err) != models.CodeUnavailable {
		t.Errorf("Hash with a canceled context: %v", err)
	}

	h.sem <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _, err := h.Verify(ctx, "a fine password", "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	if !errors.Is(err, context.DeadlineExceeded) || models.ErrorCode(err) != models.CodeUnavailable {
		t.Errorf("Verify while the only slot is taken: %v", err)
	}
	if err := h.DummyVerify(ctx, "x"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("DummyVerify while the only slot is taken: %v", err)
	}
	<-h.sem
	if _, err := h.Hash(context.Background(), "a fine password"); err != nil {
		t.Errorf("Hash once the slot is free: %v", err)
	}
}

func TestHasherConcurrency(t *testing.T) {
	if got, want := cap(NewHasher(cheap).sem), max(runtime.GOMAXPROCS(0), 1); got != want {
		t.Errorf("default slots = %d, want GOMAXPROCS = %d", got, want)
	}
	h := NewHasher(Params{Memory: 64, Time: 1, Concurrency: 2})
	if got := cap(h.sem); got != 2 {
		t.Fatalf("slots = %d, want 2", got)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			phc, err := h.Hash(context.Background(), "a fine password")
			if err != nil {
				t.Error(err)
				return
			}
			if ok, _, err := h.Verify(context.Background(), "a fine password", phc); !ok || err != nil {
				t.Errorf("Verify = %v, %v", ok, err)
			}
		})
	}
	wg.Wait()
	if n := len(h.sem); n != 0 {
		t.Errorf("%d slots still held", n)
	}
}

func BenchmarkHash(b *testing.B) {
	h := NewHasher(DefaultParams())
	ctx := context.Background()
	for b.Loop() {
		if _, err := h.Hash(ctx, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
