package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	blobfiles "github.com/hanoi-innovation/innonet/store/files"
	"github.com/hanoi-innovation/innonet/store/mongo"
	"github.com/hanoi-innovation/innonet/store/sqlite"
	"github.com/hanoi-innovation/innonet/store/storetest"
)

// mongoTarget returns the URI of the MongoDB to migrate into: MONGODB_URI, else the FerretDB test server that
// tools/ferrettest/with-ferretdb.sh starts for make test (with one connection, as FerretDB v1 needs).
func mongoTarget(t *testing.T) string {
	t.Helper()
	if uri := os.Getenv("MONGODB_URI"); uri != "" {
		return uri
	}
	uri := os.Getenv("INNONET_FERRETDB_URI")
	if uri == "" {
		t.Skip("no MongoDB: run under tools/ferrettest/with-ferretdb.sh (make test does), or set MONGODB_URI")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("maxPoolSize", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// freshDatabaseName returns a database name no other test uses, dropped when t ends.
func freshDatabaseName(t *testing.T, uri string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "innonet_migrate_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		st, err := mongo.Open(ctx, uri, mongo.WithDatabase(name), mongo.WithLogger(slog.New(slog.DiscardHandler)))
		if err != nil {
			t.Errorf("open the target to drop it: %v", err)
			return
		}
		defer st.Close()
		if err := st.Drop(ctx); err != nil {
			t.Errorf("drop the target: %v", err)
		}
	})
	return name
}

// TestMigrateToMongoDB: an embedded deployment with every kind of record is copied into an empty MongoDB
// record for record; a second migration into it is refused; an instance on MongoDB, with a new index,
// answers the searches the embedded one answered and signs in its accounts; and the MongoDB database copied
// back into a new data dir equals it record for record and serves the same.
func TestMigrateToMongoDB(t *testing.T) {
	uri := mongoTarget(t)
	database := freshDatabaseName(t, uri)
	data := t.TempDir()
	cfg := testConfig(data)
	cfg.Demo = true
	_, stop := start(t, cfg)
	stop()
	src, err := sqlite.Open(t.Context(), filepath.Join(data, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.FillEveryKind(t, src)
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	base, stop := start(t, testConfig(data))
	content := addChallengeContent(t, base)
	want := map[string][]string{}
	for _, q := range sameSearches {
		want[q] = searchIDs(t, base, q)
	}
	if code, _, stderr := runCmd("migrate", "--data", data, "--to-mongodb", uri, "--database", database, "--index-wait", "100ms"); code == 0 || !strings.Contains(stderr, "a server is running") {
		t.Errorf("a migration while a server runs on the data dir: %d %s", code, stderr)
	}
	stop()

	stray := filepath.Join(data, "attachments", "ch-d1", "plan.pdf")
	if err := os.MkdirAll(filepath.Dir(stray), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stray, []byte("%PDF-1.7"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd("migrate", "--data", data, "--to-mongodb", uri, "--database", database); code == 0 || !strings.Contains(stderr, "attachments/ch-d1/plan.pdf is not an attachment") {
		t.Errorf("a migration with a file in DATA/attachments that is no attachment: %d %s", code, stderr)
	}
	if err := os.RemoveAll(filepath.Dir(stray)); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCmd("migrate", "--data", data, "--to-mongodb", uri, "--database", database)
	if code != 0 {
		t.Fatalf("migrate: %d\n%s\n%s", code, stdout, stderr)
	}
	t.Logf("migrate:\n%s%s", stdout, stderr)
	if strings.Contains(stdout, "differs") {
		t.Errorf("the counts differ:\n%s", stdout)
	}
	if !strings.Contains(stdout, "and 1 attachments") {
		t.Errorf("the migration did not copy the one attachment file:\n%s", stdout)
	}
	if !strings.Contains(stderr, "1 attachments have no file") || !strings.Contains(stderr, "at-d1") {
		t.Errorf("no warning about the attachment record without a file (at-d1 of FillEveryKind):\n%s", stderr)
	}

	src, err = sqlite.Open(t.Context(), filepath.Join(data, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := mongo.Open(t.Context(), uri, mongo.WithDatabase(database), mongo.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	source, target := storetest.DumpAll(t, src), storetest.DumpAll(t, dst)
	if diffs := storetest.DiffRecords(source, target); len(diffs) > 0 {
		t.Fatalf("the MongoDB copy differs from the embedded store:\n  %s", strings.Join(diffs, "\n  "))
	}
	t.Logf("%d records compared", len(source))

	if code, _, stderr := runCmd("migrate", "--data", data, "--to-mongodb", uri, "--database", database); code == 0 || !strings.Contains(stderr, "not empty") {
		t.Errorf("a second migration into the same database: %d %s", code, stderr)
	}

	onMongo := testConfig(t.TempDir())
	onMongo.MongoURI, onMongo.MongoDatabase = uri, database
	base, stopMongo := start(t, onMongo)
	for _, q := range sameSearches {
		if got := searchIDs(t, base, q); !slices.Equal(got, want[q]) {
			t.Errorf("search %q: embedded %v, MongoDB %v", q, want[q], got)
		}
	}
	if st, out := post(t, base+"/api/v1/auth/login", map[string]any{"email": "agency@demo.innonet.vn", "password": demoPassword}, ""); st != http.StatusOK {
		t.Errorf("login on MongoDB with a migrated password hash: %d %v", st, out)
	}
	checkChallengeContent(t, base, content)
	stopMongo()

	// And back: MongoDB into a new data dir, record for record, with the attachment file.
	if code, _, stderr := runCmd("migrate", "--data", data, "--from-mongodb", uri, "--database", database); code == 0 || !strings.Contains(stderr, "already holds innonet.db") {
		t.Errorf("a migration from MongoDB into a data dir in use: %d %s", code, stderr)
	}
	if code, _, stderr := runCmd("migrate", "--data", t.TempDir(), "--from-mongodb", uri, "--to-mongodb", uri); code == 0 || !strings.Contains(stderr, "not both") {
		t.Errorf("a migration both ways at once: %d %s", code, stderr)
	}
	if code, _, stderr := runCmd("migrate", "--data", t.TempDir(), "--from-mongodb", uri, "--database", freshDatabaseName(t, uri)); code == 0 || !strings.Contains(stderr, "holds no records") {
		t.Errorf("a migration from a database that holds nothing: %d %s", code, stderr)
	}
	back := filepath.Join(t.TempDir(), "data")
	code, stdout, stderr = runCmd("migrate", "--data", back, "--from-mongodb", uri, "--database", database)
	if code != 0 || strings.Contains(stdout, "differs") || !strings.Contains(stdout, "and 1 attachments") {
		t.Fatalf("migrate --from-mongodb: %d\n%s\n%s", code, stdout, stderr)
	}
	returned, err := sqlite.Open(t.Context(), filepath.Join(back, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	onMongoNow, returnedNow := storetest.DumpAll(t, dst), storetest.DumpAll(t, returned)
	if err := returned.Close(); err != nil {
		t.Fatal(err)
	}
	if diffs := storetest.DiffRecords(onMongoNow, returnedNow); len(diffs) > 0 {
		t.Fatalf("the embedded copy differs from MongoDB:\n  %s", strings.Join(diffs, "\n  "))
	}
	base, _ = start(t, testConfig(back))
	for _, q := range sameSearches {
		if got := searchIDs(t, base, q); !slices.Equal(got, want[q]) {
			t.Errorf("search %q: first embedded %v, embedded again %v", q, want[q], got)
		}
	}
	if st, out := post(t, base+"/api/v1/auth/login", map[string]any{"email": "agency@demo.innonet.vn", "password": demoPassword}, ""); st != http.StatusOK {
		t.Errorf("login on the embedded store migrated back: %d %v", st, out)
	}
	checkChallengeContent(t, base, content)
}

// TestMigrateCopiesAttachments: a target with attachment storage receives every file of DATA/attachments, and
// migrate works between any Dumper and Loader (here two embedded stores).
func TestMigrateCopiesAttachments(t *testing.T) {
	data, sink := t.TempDir(), t.TempDir()
	src, err := sqlite.Open(t.Context(), filepath.Join(data, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	storetest.FillEveryKind(t, src)
	files := map[string]string{"at-d1": "%PDF-1.7", "at-d2": "\x89PNG"}
	if err := os.MkdirAll(filepath.Join(data, "attachments"), 0o700); err != nil {
		t.Fatal(err)
	}
	for key, body := range files {
		if err := os.WriteFile(filepath.Join(data, "attachments", key), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(data, "attachments", ".upload-123"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	target, err := blobfiles.Open(sink)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	var out bytes.Buffer
	res, err := migrate(t.Context(), src, dst, migrateFiles{data: data, sink: attachmentSinkOf(target)}, env{stdout: &out, stderr: &out})
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, out.String())
	}
	if res.attachments != len(files) {
		t.Errorf("%d attachments copied, want %d", res.attachments, len(files))
	}
	for key, body := range files {
		if got, err := os.ReadFile(filepath.Join(sink, key)); err != nil || string(got) != body {
			t.Errorf("%s in the target: %q %v", key, got, err)
		}
	}
	if _, err := os.Stat(filepath.Join(sink, ".upload-123")); err == nil {
		t.Error("a half-written temporary file was copied")
	}
	if diffs := storetest.DiffRecords(storetest.DumpAll(t, src), storetest.DumpAll(t, dst)); len(diffs) > 0 {
		t.Errorf("the copy differs:\n  %s", strings.Join(diffs, "\n  "))
	}
}
