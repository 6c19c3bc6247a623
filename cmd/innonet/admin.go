package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"
)

func cmdAdmin(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{"usage: innonet admin create --data DIR --email E [--password-file F]"}
	}
	var cfg Config
	fs := cfg.flagSet("admin create", e.stderr, e.getenv)
	email := fs.String("email", "", "email of the admin account (required)")
	pwFile := fs.String("password-file", "", "read the password from this file (else INNONET_ADMIN_PASSWORD, else a prompt)")
	if err := cfg.parse(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return usageError{"--email is required"}
	}
	password, err := adminPassword(*pwFile, e)
	if err != nil {
		return err
	}
	tool, err := openTool(ctx, cfg, e, indexNone)
	if err != nil {
		return err
	}
	defer tool.Close()
	a, err := tool.svc.CreateAdmin(ctx, *email, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "admin %s is ready (account %s)\n", a.Email, a.ID)
	return nil
}

// adminPassword takes the password from a file, the environment, or a prompt on a terminal, in that order.
func adminPassword(file string, e env) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("reading the password file: %w", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	if pw := e.getenv("INNONET_ADMIN_PASSWORD"); pw != "" {
		return pw, nil
	}
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError{"no password: give --password-file, set INNONET_ADMIN_PASSWORD, or run on a terminal"}
	}
	fmt.Fprint(e.stderr, "Password: ")
	pw, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	fmt.Fprint(e.stderr, "Again: ")
	again, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	if string(pw) != string(again) {
		return "", errors.New("the two passwords differ")
	}
	return string(pw), nil
}
