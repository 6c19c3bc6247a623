package mongo_test

import (
	"testing"

	"github.com/hanoi-innovation/innonet/store/storetest"
)

// TestDumpCoversEveryCollection fails when the store gains a collection that Dump does not cover (and so
// migrations would not copy): add it to dumpCollections in dump.go and to Load in load.go.
func TestDumpCoversEveryCollection(t *testing.T) {
	st := testServer(t).open(t)
	storetest.FillEveryKind(t, st)
	missing, err := st.UndumpedCollections(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("collections not covered by the dump: %v", missing)
	}
}
