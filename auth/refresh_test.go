package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNewRefreshSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		secret, hash := NewRefreshSecret()
		raw, err := base64.RawURLEncoding.DecodeString(secret)
		if err != nil || len(raw) != 32 {
			t.Fatalf("secret %q: %d bytes, %v; want 32 bytes of base64url", secret, len(raw), err)
		}
		if hash != HashRefreshSecret(secret) {
			t.Fatalf("hash %q is not HashRefreshSecret(secret)", hash)
		}
		if !ValidRefreshSecret(secret) {
			t.Fatalf("ValidRefreshSecret(%q) = false", secret)
		}
		if seen[secret] {
			t.Fatalf("secret %q made twice", secret)
		}
		seen[secret] = true
	}
}

func TestHashRefreshSecret(t *testing.T) {
	sum := sha256.Sum256([]byte("abc"))
	tests := []struct{ secret, want string }{
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abc", hex.EncodeToString(sum[:])},
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, tt := range tests {
		if got := HashRefreshSecret(tt.secret); got != tt.want {
			t.Errorf("HashRefreshSecret(%q) = %s, want %s", tt.secret, got, tt.want)
		}
	}
}

func TestValidRefreshSecret(t *testing.T) {
	good, _ := NewRefreshSecret()
	tests := []struct {
		secret string
		ok     bool
	}{
		{good, true},
		{strings.Repeat("A", 43), true},
		{"", false},
		{good[:42], false},
		{good + "A", false},
		{good + "=", false},
		{strings.Repeat("A", 42) + "B", false},
		{strings.Repeat("+", 43), false},
		{strings.Repeat("/", 43), false},
		{strings.Repeat("é", 21) + "A", false},
	}
	for _, tt := range tests {
		if got := ValidRefreshSecret(tt.secret); got != tt.ok {
			t.Errorf("ValidRefreshSecret(%q) = %v, want %v", tt.secret, got, tt.ok)
		}
	}
}
