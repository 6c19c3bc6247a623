package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// refreshSecretLen is the length of a refresh secret: 32 bytes in unpadded base64url.
const refreshSecretLen = 43

// NewRefreshSecret returns a new opaque refresh token: the secret given to the client (32 random bytes,
// base64url without padding) and the hash to store (see HashRefreshSecret).
func NewRefreshSecret() (secret, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:])
	secret = base64.RawURLEncoding.EncodeToString(b[:])
	return secret, HashRefreshSecret(secret)
}

// HashRefreshSecret returns the hex SHA-256 of a refresh secret, the form in which it is stored and looked up.
// A fast hash is right here: the secret has 256 bits of entropy, so there is nothing to guess.
func HashRefreshSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// ValidRefreshSecret reports whether secret has the form NewRefreshSecret gives, so garbage can be rejected
// before a lookup.
func ValidRefreshSecret(secret string) bool {
	if len(secret) != refreshSecretLen {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(secret)
	return err == nil && len(b) == 32
}
