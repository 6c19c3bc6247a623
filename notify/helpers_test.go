package notify

import (
	"bytes"
	"crypto/tls"
	"io"
	"log/slog"
)

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func tlsConfigTrusting(s *smtpServer) *tls.Config { return &tls.Config{RootCAs: s.Certs} }

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
