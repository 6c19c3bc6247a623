package notify

import (
	"crypto/sha256"
	"encoding/hex"
)

// MessageID returns the Message-ID header value, angle brackets included, of the mail with this idempotency
// key: "<" + the first 32 hex digits of SHA-256(key) + "@" + domain + ">". It is stable, so a mail resent after
// a crash carries the same Message-ID and mail clients recognise it as the same mail.
func MessageID(key, domain string) string {
	if domain == "" {
		domain = "localhost"
	}
	sum := sha256.Sum256([]byte(key))
	return "<" + hex.EncodeToString(sum[:])[:32] + "@" + domain + ">"
}
