package mongo_test

import (
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/storetest"
)

// TestConformance runs the store conformance suite against the server the environment selects (see
// testServer). On FerretDB the concurrency tests are skipped: its updates are not atomic across clients.
func TestConformance(t *testing.T) {
	srv := testServer(t)
	t.Logf("server: %s (FerretDB: %v)", srv.started, srv.ferret)
	storetest.Run(t, func(t *testing.T) models.Store { return srv.open(t) },
		storetest.Capabilities{Concurrency: !srv.ferret})
}

// TestBlobs runs the blob conformance suite against GridFS on the selected server.
func TestBlobs(t *testing.T) {
	srv := testServer(t)
	storetest.RunBlobs(t, func(t *testing.T) models.BlobStore { return srv.open(t).Blobs() })
}
