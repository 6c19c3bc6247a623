package opkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildForTest returns the innonet binary for a test: $INNONET_BIN when set, else one built from
// ./cmd/innonet of this module into the test's temporary dir.
func BuildForTest(t testing.TB) string {
	t.Helper()
	if bin := os.Getenv("INNONET_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "innonet")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/hanoi-innovation/innonet/cmd/innonet")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building innonet: %v\n%s", err, out)
	}
	return bin
}
