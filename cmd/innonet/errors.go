package main

import (
	"errors"
	"flag"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || errors.Is(err, flag.ErrHelp)
}

// describe renders an error for a person at a terminal: the message, and each field at fault.
func describe(err error) string {
	if errors.Is(err, flag.ErrHelp) {
		return "see the flags above"
	}
	var me *models.Error
	if !errors.As(err, &me) || me.Code == models.CodeInternal {
		return err.Error()
	}
	var b strings.Builder
	b.WriteString(models.ErrorMessage(err))
	for _, f := range me.Fields {
		b.WriteString("\n  " + strings.TrimPrefix(f.Pointer, "/") + ": " + f.Detail)
	}
	if me.Err != nil && me.Code != models.CodeInvalid {
		b.WriteString(" (" + me.Err.Error() + ")")
	}
	return b.String()
}
