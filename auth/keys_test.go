package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestLoadOrCreateKeysCreatesOneKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	clock := newFakeClock()
	ring, err := LoadOrCreateKeys(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	kid := ring.ActiveKID()
	if !strings.HasPrefix(kid, "20260301T090000Z-") {
		t.Errorf("kid = %q, want the clock's time in it", kid)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o700 {
		t.Errorf("dir mode = %v, want 0700", got)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != kid+".pem" {
		t.Fatalf("dir holds %v, want only %s.pem", entries, kid)
	}
	info, err = entries[0].Info()
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("key file mode = %v, want 0600", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, kid+".pem"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "-----BEGIN PRIVATE KEY-----") {
		t.Errorf("key file is not PKCS#8 PEM:\n%s", data)
	}
}

func TestLoadOrCreateKeysReloadsSameKeys(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	first, err := LoadOrCreateKeys(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	rotated, err := first.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadOrCreateKeys(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.ActiveKID(); got != rotated {
		t.Errorf("active kid after reload = %q, want the newest %q", got, rotated)
	}
	if len(again.public) != 2 {
		t.Errorf("reloaded %d keys, want 2", len(again.public))
	}
	for kid, pub := range first.public {
		if !pub.Equal(again.public[kid]) {
			t.Errorf("key %s differs after reload", kid)
		}
	}
}

func TestRotateKeepsOrderWhenClockStallsOrGoesBack(t *testing.T) {
	dir := t.TempDir()
	clock := newFakeClock()
	ring, err := LoadOrCreateKeys(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	kids := []string{ring.ActiveKID()}
	for range 3 {
		kid, err := ring.Rotate()
		if err != nil {
			t.Fatal(err)
		}
		kids = append(kids, kid)
	}
	clock.Advance(-24 * time.Hour)
	kid, err := ring.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	kids = append(kids, kid)
	for i := 1; i < len(kids); i++ {
		if kids[i] <= kids[i-1] {
			t.Fatalf("kids not increasing: %v", kids)
		}
	}
	again, err := LoadOrCreateKeys(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.ActiveKID(); got != kid {
		t.Errorf("active kid after reload = %q, want %q", got, kid)
	}
}

func TestLoadOrCreateKeysIgnoresOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"README", ".key-123.tmp", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "20260101T000000Z-00000000.pem"), 0o700); err != nil {
		t.Fatal(err)
	}
	ring, err := LoadOrCreateKeys(dir, newFakeClock())
	if err != nil {
		t.Fatal(err)
	}
	if len(ring.public) != 1 {
		t.Errorf("got %d keys, want 1 new key", len(ring.public))
	}
}

func TestLoadOrCreateKeysRejectsBadFiles(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKCS8PrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER})
	tests := []struct {
		name string
		file string
		data []byte
		mode os.FileMode
	}{
		{"bad kid", "mykey.pem", nil, 0o600},
		{"kid with upper-case hex", "20260101T000000Z-ABCDEF01.pem", nil, 0o600},
		{"kid with bad date", "20261301T000000Z-abcdef01.pem", nil, 0o600},
		{"not PEM", "20260101T000000Z-abcdef01.pem", []byte("hello"), 0o600},
		{"wrong PEM type", "20260101T000000Z-abcdef01.pem", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER}), 0o600},
		{"garbage DER", "20260101T000000Z-abcdef01.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{1, 2, 3}}), 0o600},
		{"not Ed25519", "20260101T000000Z-abcdef01.pem", ecPEM, 0o600},
		{"readable by others", "", nil, 0o644},
		{"readable by group", "", nil, 0o640},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if tt.file == "" {
				ring, err := LoadOrCreateKeys(dir, newFakeClock())
				if err != nil {
					t.Fatal(err)
				}
				path = filepath.Join(dir, ring.ActiveKID()+".pem")
			} else if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, err := LoadOrCreateKeys(dir, newFakeClock())
			if err == nil {
				t.Fatal("LoadOrCreateKeys succeeded, want an error")
			}
			if got := models.ErrorCode(err); got != models.CodeInternal {
				t.Errorf("code = %s, want internal (%v)", got, err)
			}
		})
	}
}

func TestParseKID(t *testing.T) {
	tests := []struct {
		kid string
		ok  bool
	}{
		{"20260301T090000Z-0a1b2c3d", true},
		{"20260301T090000Z-0a1b2c3", false},
		{"20260301T090000Z-0a1b2c3dd", false},
		{"20260301T090000Z-0a1b2c3g", false},
		{"20260301T090000Z0a1b2c3d", false},
		{"2026-03-01T09:00:00Z-0a1b2c3d", false},
		{"", false},
		{"../../etc/passwd", false},
	}
	for _, tt := range tests {
		_, err := parseKID(tt.kid)
		if (err == nil) != tt.ok {
			t.Errorf("parseKID(%q) error = %v, want ok=%v", tt.kid, err, tt.ok)
		}
	}
}

func TestLoadOrCreateKeysOnAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{path, filepath.Join(path, "keys")} {
		if _, err := LoadOrCreateKeys(dir, nil); models.ErrorCode(err) != models.CodeInternal {
			t.Errorf("LoadOrCreateKeys(%s) error = %v, want internal", dir, err)
		}
	}
}
