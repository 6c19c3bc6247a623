// Command ferrettest runs FerretDB v1 embedded, backed by SQLite, as a throwaway MongoDB-compatible server for
// the tests of innonet's MongoDB adapter. It lives in its own Go module so that FerretDB never enters the
// dependencies of the innonet binary.
//
// It prints the server's MongoDB URI as the first line on stdout, then serves until SIGINT or SIGTERM:
//
//	ferrettest [--dir DIR/] [--addr 127.0.0.1:0]
//
// FerretDB is correct for single-client CRUD, unique indexes and simple aggregations, but its updates are not
// atomic under concurrent clients and it has no TTL indexes, transactions or change streams: clients should
// connect with maxPoolSize=1 and skip what needs more.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ferrettest:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", "", "existing directory for the SQLite files, ending in /; default: a new temporary directory, removed on exit")
	addr := flag.String("addr", "127.0.0.1:0", "TCP address to listen on; port 0 picks a free port")
	flag.Parse()

	dataDir, cleanup, err := prepareDir(*dir)
	if err != nil {
		return err
	}
	defer cleanup()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dataDir,
	})
	if err != nil {
		return fmt.Errorf("start FerretDB: %w", err)
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI waits for the listener to be bound.
	if _, err := fmt.Fprintln(os.Stdout, f.MongoDBURI()); err != nil {
		stop()
		<-done
		return err
	}
	return <-done
}

// prepareDir checks the data directory named by the flag, or creates a temporary one that cleanup removes.
// The returned path ends in "/", as FerretDB's SQLite handler requires.
func prepareDir(dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "ferrettest-")
		if err != nil {
			return "", nil, err
		}
		return tmp + "/", func() { _ = os.RemoveAll(tmp) }, nil
	}
	if !strings.HasSuffix(dir, "/") {
		return "", nil, errors.New("--dir must end in /")
	}
	st, err := os.Stat(dir)
	if err != nil {
		return "", nil, fmt.Errorf("--dir: %w", err)
	}
	if !st.IsDir() {
		return "", nil, fmt.Errorf("--dir: %s is not a directory", dir)
	}
	return dir, func() {}, nil
}
