package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// kidLayout is the time part of a key id. Key ids look like "20260102T150405Z-1a2b3c4d", so sorting them by
// name sorts the keys by age.
const kidLayout = "20060102T150405Z"

const keyFileExt = ".pem"

type signingKey struct {
	kid     string
	created time.Time
	private ed25519.PrivateKey
}

// KeyRing holds the Ed25519 keys of access tokens, each named by a key id (kid). The newest key signs; every key
// verifies, so tokens signed before a rotation stay valid until they expire. It is safe for concurrent use.
type KeyRing struct {
	dir   string
	clock models.Clock

	mu       sync.RWMutex
	active   *signingKey
	public   map[string]ed25519.PublicKey
	reloaded time.Time
}

// LoadOrCreateKeys reads the keys stored in dir, one PKCS#8 PEM file per key named "<kid>.pem", and creates dir
// (mode 0700) and a first key when there is none. The newest key becomes the signing key. Key files must not be
// readable by group or others. A nil clock means the system clock.
func LoadOrCreateKeys(dir string, clock models.Clock) (*KeyRing, error) {
	if clock == nil {
		clock = models.SystemClock{}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, internalf("auth: creating the key directory: %w", err)
	}
	keys, err := readKeys(dir)
	if err != nil {
		return nil, err
	}
	r := &KeyRing{dir: dir, clock: clock, public: make(map[string]ed25519.PublicKey)}
	for _, k := range keys {
		r.add(k)
	}
	if len(keys) == 0 {
		if _, err := r.Rotate(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Rotate makes a new signing key, stores it, and returns its kid. Older keys keep verifying.
func (r *KeyRing) Rotate() (kid string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	created := r.clock.Now().UTC().Truncate(time.Second)
	if r.active != nil && !created.After(r.active.created) {
		created = r.active.created.Add(time.Second)
	}
	_, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", internalf("auth: generating a key: %w", err)
	}
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	kid = created.Format(kidLayout) + "-" + hex.EncodeToString(suffix[:])
	if err := writeKey(r.dir, kid, private); err != nil {
		return "", err
	}
	r.add(&signingKey{kid: kid, created: created, private: private})
	return kid, nil
}

// ActiveKID returns the kid of the key that signs new tokens.
func (r *KeyRing) ActiveKID() string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.active.kid
}

// add registers k; the caller holds the lock or owns r alone. Keys must come in order of age.
func (r *KeyRing) add(k *signingKey) {
	r.public[k.kid] = k.private.Public().(ed25519.PublicKey)
	r.active = k
}

func (r *KeyRing) signer() (string, ed25519.PrivateKey) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.active.kid, r.active.private
}

func (r *KeyRing) verifier(kid string) (ed25519.PublicKey, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.public[kid]
	return k, ok
}

// parseKID checks the form of a kid and returns the time it holds.
func parseKID(kid string) (time.Time, error) {
	stamp, suffix, ok := strings.Cut(kid, "-")
	if !ok || len(suffix) != 8 {
		return time.Time{}, fmt.Errorf("malformed kid %q", kid)
	}
	if _, err := hex.DecodeString(suffix); err != nil || strings.ToLower(suffix) != suffix {
		return time.Time{}, fmt.Errorf("malformed kid %q", kid)
	}
	t, err := time.Parse(kidLayout, stamp)
	if err != nil {
		return time.Time{}, fmt.Errorf("malformed kid %q", kid)
	}
	return t, nil
}

// readKeys returns the keys in dir, oldest first.
func readKeys(dir string) ([]*signingKey, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, internalf("auth: reading the key directory: %w", err)
	}
	var keys []*signingKey
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, keyFileExt) {
			continue
		}
		k, err := readKey(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func readKey(path string) (*signingKey, error) {
	kid := strings.TrimSuffix(filepath.Base(path), keyFileExt)
	created, err := parseKID(kid)
	if err != nil {
		return nil, internalf("auth: key file %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, internalf("auth: key file %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, internalf("auth: key file %s is open to group or others (mode %v); chmod it to 0600", path, info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, internalf("auth: key file %s: %w", path, err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, internalf("auth: key file %s: no PKCS#8 PEM block", path)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, internalf("auth: key file %s: %w", path, err)
	}
	private, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, internalf("auth: key file %s: a %T, not an Ed25519 key", path, key)
	}
	return &signingKey{kid: kid, created: created, private: private}, nil
}

// writeKey stores a key atomically: a temporary file with mode 0600, synced, then renamed.
func writeKey(dir, kid string, private ed25519.PrivateKey) (err error) {
	der, err := x509.MarshalPKCS8PrivateKey(private)
	if err != nil {
		return internalf("auth: encoding key %s: %w", kid, err)
	}
	f, err := os.CreateTemp(dir, ".key-*.tmp")
	if err != nil {
		return internalf("auth: storing key %s: %w", kid, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	werr := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), filepath.Join(dir, kid+keyFileExt))
	}
	if werr != nil {
		return internalf("auth: storing key %s: %w", kid, werr)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the platform allows it.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
