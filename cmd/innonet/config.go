package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/search"
)

// Config is the configuration of an innonet instance, from flags and INNONET_* environment variables.
type Config struct {
	Addr string
	Data string
	// KeysDir holds the signing keys of access tokens (default DATA/keys). Instances that serve one store
	// share it, so that a token issued by one is accepted by the others.
	KeysDir         string
	MongoURI        string
	MongoDatabase   string
	Demo            bool
	BodyLimit       int64
	RequestTimeout  time.Duration
	ShutdownTimeout time.Duration
	AccessTTL       time.Duration
	RefreshTTL      time.Duration
	Issuer          string
	LoginPerMinute  int
	LoginPerMinIP   int
	// MailPerHour caps the account emails (reset, resend, staff invitations) asked for per address an hour.
	MailPerHour     int
	InsecureCookies bool
	TrustProxy      bool
	LogLevel        string
	BaseURL         string
	// PprofAddr, when set, serves net/http/pprof there (a loopback address only).
	PprofAddr string
	SMTP      SMTPConfig
	// IndexWait bounds the wait for the search index's lock, held by a running server.
	IndexWait time.Duration
	// MatchSettle is how long the match notifications of a profile change wait for further changes.
	MatchSettle time.Duration
	// SearchCacheMB is the memory, in MiB, the search engine keeps decoded postings of frequent terms in; 0: none.
	SearchCacheMB int
	// AttachmentLimit is the largest challenge attachment in bytes.
	AttachmentLimit int64
}

// SMTPConfig says how email leaves; without an address it is written to the log instead.
type SMTPConfig struct {
	Addr         string
	From         string
	FromName     string
	Username     string
	PasswordFile string
	// Password comes from INNONET_SMTP_PASSWORD, unless PasswordFile is set.
	Password string
	TLS      string
}

// flagSet binds the flags of Config to fs, with defaults taken from the environment.
func (c *Config) flagSet(name string, out io.Writer, getenv func(string) string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	envOr := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", envOr("INNONET_ADDR", ":8080"), "address to listen on (INNONET_ADDR)")
	fs.StringVar(&c.Data, "data", envOr("INNONET_DATA", "./data"), "data directory: embedded store, search index, keys (INNONET_DATA)")
	fs.StringVar(&c.KeysDir, "keys-dir", envOr("INNONET_KEYS_DIR", ""), "directory of the access-token signing keys, shared by all instances of one deployment (default DATA/keys) (INNONET_KEYS_DIR)")
	fs.StringVar(&c.MongoURI, "mongodb-uri", envOr("MONGODB_URI", envOr("INNONET_MONGODB_URI", "")), "use MongoDB at this URI instead of the embedded store (MONGODB_URI)")
	fs.StringVar(&c.MongoDatabase, "mongodb-database", envOr("INNONET_MONGODB_DATABASE", ""), "MongoDB database name (default: from the URI, else innonet)")
	fs.BoolVar(&c.Demo, "demo", envBool(envOr("INNONET_DEMO", "")), "load the demo data into an empty store (INNONET_DEMO)")
	fs.Int64Var(&c.BodyLimit, "body-limit", envInt(envOr("INNONET_BODY_LIMIT", ""), 1<<20), "largest request body in bytes (INNONET_BODY_LIMIT)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", envDuration(envOr("INNONET_REQUEST_TIMEOUT", ""), 15*time.Second), "longest a request may work (INNONET_REQUEST_TIMEOUT)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", envDuration(envOr("INNONET_SHUTDOWN_TIMEOUT", ""), 20*time.Second), "how long to drain requests on SIGTERM (INNONET_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.AccessTTL, "access-ttl", envDuration(envOr("INNONET_ACCESS_TTL", ""), 15*time.Minute), "lifetime of access tokens (INNONET_ACCESS_TTL)")
	fs.DurationVar(&c.RefreshTTL, "refresh-ttl", envDuration(envOr("INNONET_REFRESH_TTL", ""), 30*24*time.Hour), "lifetime of refresh tokens (INNONET_REFRESH_TTL)")
	fs.StringVar(&c.Issuer, "issuer", envOr("INNONET_ISSUER", "innonet"), "issuer and audience of access tokens (INNONET_ISSUER)")
	fs.IntVar(&c.LoginPerMinute, "login-rate", int(envInt(envOr("INNONET_LOGIN_RATE", ""), 10)), "sign-in attempts per minute per account (INNONET_LOGIN_RATE)")
	fs.IntVar(&c.LoginPerMinIP, "login-rate-ip", int(envInt(envOr("INNONET_LOGIN_RATE_IP", ""), 60)), "sign-in attempts per minute per client address (INNONET_LOGIN_RATE_IP)")
	fs.IntVar(&c.MailPerHour, "mail-rate", int(envInt(envOr("INNONET_MAIL_RATE", ""), 10)), "password-reset, verification and invitation emails per hour per email, account or client address (INNONET_MAIL_RATE)")
	fs.BoolVar(&c.InsecureCookies, "insecure-cookies", envBool(envOr("INNONET_INSECURE_COOKIES", "")), "send the refresh cookie without Secure (plain-HTTP hosts other than localhost)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool(envOr("INNONET_TRUST_PROXY", "")), "take client addresses from X-Forwarded-For (behind a trusted proxy only)")
	fs.StringVar(&c.LogLevel, "log-level", envOr("INNONET_LOG_LEVEL", "info"), "debug, info, warn or error (INNONET_LOG_LEVEL)")
	fs.DurationVar(&c.IndexWait, "index-wait", envDuration(envOr("INNONET_INDEX_WAIT", ""), 5*time.Second), "how long to wait for the search index when another process holds it (INNONET_INDEX_WAIT)")
	fs.DurationVar(&c.MatchSettle, "match-settle", envDuration(envOr("INNONET_MATCH_SETTLE", ""), 10*time.Second), "how long the match notifications of a profile change wait for further edits, so that a burst of edits is matched once (INNONET_MATCH_SETTLE)")
	fs.IntVar(&c.SearchCacheMB, "search-cache", int(envInt(envOr("INNONET_SEARCH_CACHE", ""), search.DefaultPostingsCache>>20)), "MiB of decoded postings the search engine keeps for the terms searched most; 0: none (INNONET_SEARCH_CACHE)")
	fs.StringVar(&c.PprofAddr, "pprof-addr", envOr("INNONET_PPROF_ADDR", ""), "serve Go's pprof profiles on this loopback address, e.g. 127.0.0.1:6060; empty: off (INNONET_PPROF_ADDR)")
	fs.StringVar(&c.BaseURL, "base-url", envOr("INNONET_BASE_URL", "http://localhost:8080"), "public address of the web app, for links in emails (INNONET_BASE_URL)")
	fs.Int64Var(&c.AttachmentLimit, "attachment-limit", envInt(envOr("INNONET_ATTACHMENT_LIMIT", ""), 10<<20), "largest challenge attachment in bytes (INNONET_ATTACHMENT_LIMIT)")
	fs.StringVar(&c.SMTP.Addr, "smtp-addr", envOr("INNONET_SMTP_ADDR", ""), "SMTP server host:port; empty logs emails instead of sending (INNONET_SMTP_ADDR)")
	fs.StringVar(&c.SMTP.From, "smtp-from", envOr("INNONET_SMTP_FROM", "no-reply@innonet.localhost"), "sender address (INNONET_SMTP_FROM)")
	fs.StringVar(&c.SMTP.FromName, "smtp-from-name", envOr("INNONET_SMTP_FROM_NAME", "Mạng lưới ĐMST Hà Nội"), "sender name (INNONET_SMTP_FROM_NAME)")
	fs.StringVar(&c.SMTP.Username, "smtp-username", envOr("INNONET_SMTP_USERNAME", ""), "SMTP user for PLAIN auth (INNONET_SMTP_USERNAME)")
	fs.StringVar(&c.SMTP.PasswordFile, "smtp-password-file", envOr("INNONET_SMTP_PASSWORD_FILE", ""), "file holding the SMTP password, else INNONET_SMTP_PASSWORD")
	c.SMTP.Password = getenv("INNONET_SMTP_PASSWORD")
	fs.StringVar(&c.SMTP.TLS, "smtp-tls", envOr("INNONET_SMTP_TLS", "starttls"), "none, starttls or tls (INNONET_SMTP_TLS)")
	return fs
}

func envBool(s string) bool {
	b, _ := strconv.ParseBool(strings.TrimSpace(s))
	return b
}

func envInt(s string, def int64) int64 {
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
		return n
	}
	return def
}

func envDuration(s string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(strings.TrimSpace(s)); err == nil {
		return d
	}
	return def
}

// parse parses args into c and refuses positional leftovers.
func (c *Config) parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if c.LoginPerMinute < 1 || c.LoginPerMinIP < 1 || c.MailPerHour < 1 {
		return usageError{"--login-rate, --login-rate-ip and --mail-rate must be at least 1"}
	}
	if c.MatchSettle < 0 {
		return usageError{"--match-settle must not be negative"}
	}
	if c.SearchCacheMB < 0 {
		return usageError{"--search-cache must be 0 (no cache) or more MiB"}
	}
	return nil
}

// postingsCache is the search engine's postings cache in bytes, as search.Options takes it.
func (c *Config) postingsCache() int64 {
	if c.SearchCacheMB == 0 {
		return -1
	}
	return int64(c.SearchCacheMB) << 20
}

// keysDir is where the signing keys live: KeysDir, else DATA/keys (for a Config built without parse).
func (c *Config) keysDir() string {
	if c.KeysDir != "" {
		return c.KeysDir
	}
	return filepath.Join(c.Data, "keys")
}
