package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// attachmentSink receives the files of DATA/attachments on a migration, by their path under attachments/.
type attachmentSink interface {
	PutAttachment(ctx context.Context, name string, r io.Reader, size int64) error
}

// attachmentSinkOf returns the target store's attachment storage, nil when it has none.
func attachmentSinkOf(st any) attachmentSink {
	if s, ok := st.(attachmentSink); ok {
		return s
	}
	return nil
}

func copyAttachment(ctx context.Context, sink attachmentSink, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := sink.PutAttachment(ctx, name, f, st.Size()); err != nil {
		return fmt.Errorf("copying %s: %w", name, err)
	}
	return nil
}
