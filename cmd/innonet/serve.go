package main

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

func cmdServe(ctx context.Context, args []string, e env) error {
	var cfg Config
	if err := cfg.parse(cfg.flagSet("serve", e.stderr, e.getenv), args); err != nil {
		return err
	}
	logger, err := newLogger(e.stderr, cfg.LogLevel)
	if err != nil {
		return err
	}
	defer serveGC(e)()
	in, err := OpenInstance(ctx, cfg, logger, models.SystemClock{})
	if err != nil {
		return err
	}
	defer in.Close()
	return in.Run(ctx)
}
