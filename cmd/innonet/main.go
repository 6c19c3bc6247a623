// Command innonet serves the Hanoi Innovation Network platform and carries the operators' tools:
// serve, admin, import, export, reindex, backup, restore, migrate, eval and bench.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the outside world, so tests can run commands in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

const usage = `innonet: the platform of the Hanoi Innovation Network

Usage:
  innonet serve   [--addr :8080] [--data ./data] [--mongodb-uri URI] [--demo]   start the server
  innonet admin create --data DIR --email E [--password-file F]               create an admin account
  innonet import  --data DIR --members FILE | --challenges FILE              upsert records (JSONL, CSV, XLSX) by id
  innonet export  --data DIR --members | --challenges [--format jsonl|csv|xlsx] [--out FILE]
  innonet reindex --data DIR                                                    rebuild the search index from the store
  innonet backup  --data DIR --out FILE.tar.gz                                  snapshot the embedded store while it serves
  innonet restore --from FILE.tar.gz --data DIR                                 restore a backup into an empty data dir
  innonet migrate --data DIR --to-mongodb URI [--database NAME]                 copy the embedded store into an empty MongoDB
  innonet migrate --data NEWDIR --from-mongodb URI [--database NAME]            copy MongoDB into a new embedded store
  innonet eval    --data DIR --qrels FILE (--queries FILE | --matches)          nDCG@10, MRR@10, Recall@50 by query type
  innonet bench   --members N [--vocabulary members.jsonl]                      import rate, query latency, memory
  innonet healthcheck [--addr :8080]                                            ask a running server's /healthz
  innonet version                                                               print the version

Every flag can also be set by an environment variable: --data by INNONET_DATA, --mongodb-uri by MONGODB_URI.
Run "innonet COMMAND --help" for a command's flags.
`

func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	defer startCPUProfile(e)()
	var err error
	switch args[0] {
	case "serve":
		err = cmdServe(ctx, args[1:], e)
	case "admin":
		err = cmdAdmin(ctx, args[1:], e)
	case "import":
		err = cmdImport(ctx, args[1:], e)
	case "export":
		err = cmdExport(ctx, args[1:], e)
	case "reindex":
		err = cmdReindex(ctx, args[1:], e)
	case "backup":
		err = cmdBackup(ctx, args[1:], e)
	case "restore":
		err = cmdRestore(ctx, args[1:], e)
	case "migrate":
		err = cmdMigrate(ctx, args[1:], e)
	case "eval":
		err = cmdEval(ctx, args[1:], e)
	case "bench":
		err = cmdBench(ctx, args[1:], e)
	case "healthcheck":
		err = cmdHealthcheck(ctx, args[1:], e)
	case "version", "--version", "-v":
		fmt.Fprintln(e.stdout, "innonet", version)
	case "help", "--help", "-h":
		fmt.Fprint(e.stdout, usage)
	default:
		fmt.Fprintf(e.stderr, "innonet: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "innonet:", describe(err))
		if isUsage(err) {
			return 2
		}
		return 1
	}
	return 0
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"
