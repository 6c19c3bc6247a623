package mongo_test

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/mongo"
)

// TestAdapter checks what is particular to the MongoDB adapter, beyond the conformance suite.
func TestAdapter(t *testing.T) {
	srv := testServer(t)
	t.Run("DatabaseFromURI", func(t *testing.T) { testDatabaseFromURI(t, srv) })
	t.Run("BadURI", testBadURI)
	t.Run("Indexes", func(t *testing.T) { testIndexes(t, srv) })
	t.Run("Tombstone", func(t *testing.T) { testTombstone(t, srv) })
	t.Run("Recreate", func(t *testing.T) { testRecreate(t, srv) })
	t.Run("RoundsTimes", func(t *testing.T) { testRoundsTimes(t, srv) })
	t.Run("PendingJobs", func(t *testing.T) { testPendingJobs(t, srv) })
}

func testMember(id string) *models.Member {
	now := time.Date(2026, 5, 4, 3, 2, 1, 987654321, time.FixedZone("ICT", 7*3600))
	return &models.Member{ID: id, Kind: models.KindExpert, Name: "Phạm Thu Hà", Headline: "Chuyên gia dữ liệu",
		Contact: models.Contact{Email: "ha@example.vn", Phone: "+84 912 000 000"}, Status: models.ProfilePublished,
		Verification: models.VerificationNone, OwnerIDs: []string{"ac-1"}, CreatedAt: now, UpdatedAt: now}
}

// rawDB connects to the store's database with the driver, to look at documents as stored.
func rawDB(t *testing.T, srv server, name string) *driver.Database {
	t.Helper()
	c, err := driver.Connect(options.Client().ApplyURI(srv.uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c.Database(name)
}

func testDatabaseFromURI(t *testing.T, srv server) {
	ctx := t.Context()
	name := freshDatabase()
	u, err := url.Parse(srv.uri)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	byURI, err := mongo.Open(ctx, u.String(), mongo.WithLogger(quietLogger()))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer byURI.Close()
	defer byURI.Drop(context.Background())
	if err := byURI.CreateMember(ctx, testMember("ex-1")); err != nil {
		t.Fatalf("CreateMember: %v", err)
	}
	byOption := srv.open(t, mongo.WithDatabase(name))
	if _, err := byOption.Member(ctx, "ex-1"); err != nil {
		t.Errorf("the member written through a URI naming database %s is not found through WithDatabase: %v", name, err)
	}
}

func testBadURI(t *testing.T) {
	_, err := mongo.Open(t.Context(), "mongodb://user:s3cret@localhost/db?maxPoolSize=many")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Open with a bad URI: %v; want an error that does not show the password", err)
	}
}

func testIndexes(t *testing.T, srv server) {
	ctx := t.Context()
	name := freshDatabase()
	srv.open(t, mongo.WithDatabase(name))
	db := rawDB(t, srv, name)
	want := map[string][]string{
		"accounts":       {"email_unique"},
		"members":        {"seq", "recent", "kind_status_recent", "sector_recent"},
		"challenges":     {"seq", "status_recent", "posted_by_recent"},
		"refresh_tokens": {"hash_unique", "family", "account"},
		"interests":      {"challenge_member_unique", "challenge_recent", "member_recent"},
		"notifications":  {"key_unique", "account_seq", "account_created"},
		"preferences":    {"token_unique", "digest"},
		"outbox":         {"key_unique", "due"},
		"jobs":           {"due"},
	}
	for coll, names := range want {
		specs, err := db.Collection(coll).Indexes().ListSpecifications(ctx)
		if err != nil {
			t.Fatalf("list indexes of %s: %v", coll, err)
		}
		var got []string
		for _, s := range specs {
			got = append(got, s.Name)
		}
		for _, n := range names {
			if !slices.Contains(got, n) {
				t.Errorf("collection %s: no index %s (has %v)", coll, n, got)
			}
		}
	}
}

func testTombstone(t *testing.T, srv server) {
	ctx := t.Context()
	name := freshDatabase()
	st := srv.open(t, mongo.WithDatabase(name))
	m := testMember("ex-1")
	if err := st.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteMember(ctx, m.ID, m.Version); err != nil {
		t.Fatal(err)
	}
	var doc bson.M
	if err := rawDB(t, srv, name).Collection("members").FindOne(ctx, bson.D{{Key: "_id", Value: "ex-1"}}).Decode(&doc); err != nil {
		t.Fatalf("the tombstone: %v", err)
	}
	for k, v := range doc {
		switch k {
		case "_id", "deleted", "seq", "version":
		default:
			if s, ok := v.(string); ok && s != "" {
				t.Errorf("the tombstone keeps %s = %q", k, s)
			}
		}
	}
	if doc["deleted"] != true {
		t.Errorf("the tombstone: deleted = %v", doc["deleted"])
	}
}

func testRecreate(t *testing.T, srv server) {
	ctx := t.Context()
	st := srv.open(t)
	m := testMember("ex-1")
	if err := st.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteMember(ctx, m.ID, m.Version); err != nil {
		t.Fatal(err)
	}
	again := testMember("ex-1")
	again.Name = "Phạm Thu Hà (mới)"
	if err := st.CreateMember(ctx, again); err != nil {
		t.Fatalf("CreateMember of a deleted id: %v", err)
	}
	if again.Version != 3 {
		t.Errorf("a re-created member has version %d, want 3 (going on from the tombstone's 2)", again.Version)
	}
	got, err := st.Member(ctx, "ex-1")
	if err != nil || got.Name != again.Name {
		t.Fatalf("Member after re-creating: %v, %v", got, err)
	}
	changes, err := st.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Deleted || changes[0].Member == nil {
		t.Errorf("Changes after re-creating: %+v, want the live member once", changes)
	}
	err = st.CreateMember(ctx, testMember("ex-1"))
	var e *models.Error
	if !errors.As(err, &e) || e.Code != models.CodeConflict || len(e.Fields) != 1 || e.Fields[0].Pointer != "/id" {
		t.Errorf("CreateMember of a live id: %v, want a conflict on /id", err)
	}
}

func testRoundsTimes(t *testing.T, srv server) {
	ctx := t.Context()
	st := srv.open(t)
	m := testMember("ex-1")
	if err := st.CreateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 5, 3, 20, 2, 1, 987000000, time.UTC)
	if m.CreatedAt != want || m.UpdatedAt != want {
		t.Errorf("after CreateMember: times %v, %v; want them rounded to %v", m.CreatedAt, m.UpdatedAt, want)
	}
	got, err := st.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt != want {
		t.Errorf("read back: %v, want %v", got.CreatedAt, want)
	}
}
