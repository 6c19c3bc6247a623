package auth

import (
	"crypto/ed25519"
	"time"
)

// reloadEvery bounds how often a token with an unknown kid makes the key ring read its directory again.
const reloadEvery = 5 * time.Second

// verifierOrReload is verifier, except that an unknown kid makes the ring read its directory again (at most
// once per reloadEvery), so that instances sharing a key directory accept the keys the others created or rotated
// in after they started.
func (r *KeyRing) verifierOrReload(kid string) (ed25519.PublicKey, bool) {
	if k, ok := r.verifier(kid); ok {
		return k, true
	}
	if _, err := parseKID(kid); err != nil || !r.reload() {
		return nil, false
	}
	return r.verifier(kid)
}

// reload adds the keys of the directory the ring does not hold yet, and makes the newest key of all the
// signing key, so that instances sharing the directory converge on one signer. It reports whether it read the
// directory.
func (r *KeyRing) reload() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clock.Now()
	if !r.reloaded.IsZero() && now.Sub(r.reloaded) < reloadEvery && !now.Before(r.reloaded) {
		return false
	}
	r.reloaded = now
	keys, err := readKeys(r.dir)
	if err != nil {
		return false
	}
	for _, k := range keys {
		if _, ok := r.public[k.kid]; !ok {
			r.public[k.kid] = k.private.Public().(ed25519.PublicKey)
		}
		if r.active == nil || newer(k, r.active) {
			r.active = k
		}
	}
	return true
}

// newer reports whether a is younger than b: created later, or at the same second with a greater kid.
func newer(a, b *signingKey) bool {
	if !a.created.Equal(b.created) {
		return a.created.After(b.created)
	}
	return a.kid > b.kid
}
