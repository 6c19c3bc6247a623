package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/files"
)

// attachmentSink receives the files of DATA/attachments on a migration: each under its blob key.
type attachmentSink interface {
	PutAttachment(ctx context.Context, key string, r io.Reader, size int64) error
}

// blobStreamer is a blob store that uploads from a reader, so that a file need not be held in memory (GridFS).
type blobStreamer interface {
	PutBlobFrom(ctx context.Context, key string, r io.Reader) error
}

// blobSink puts the attachment files into the target deployment's blob store.
type blobSink struct{ blobs models.BlobStore }

// attachmentSinkOf returns the attachment storage of a target deployment's blob store, nil when it has none.
func attachmentSinkOf(blobs models.BlobStore) attachmentSink {
	if blobs == nil {
		return nil
	}
	return blobSink{blobs}
}

// PutAttachment stores the size bytes of r under key, streaming when the blob store can.
func (b blobSink) PutAttachment(ctx context.Context, key string, r io.Reader, size int64) error {
	counted := &countingReader{r: io.LimitReader(r, size+1), onRead: func(int64) {}}
	var err error
	if s, ok := b.blobs.(blobStreamer); ok {
		err = s.PutBlobFrom(ctx, key, counted)
	} else {
		var data []byte
		if data, err = io.ReadAll(counted); err == nil {
			err = b.blobs.PutBlob(ctx, key, data)
		}
	}
	if err == nil && counted.n != size {
		_ = b.blobs.DeleteBlob(ctx, key)
		return fmt.Errorf("read %d bytes, the file has %d: it changed during the copy", counted.n, size)
	}
	return err
}

// attachmentKeys returns the blob key of each file of DATA/attachments (named "attachments/<key>" by
// dirFiles), refusing a file that is not an attachment the embedded store wrote (in a subdirectory, or with a
// name no key has) rather than leaving it behind unnoticed.
func attachmentKeys(names []string) ([]string, error) {
	keys := make([]string, len(names))
	for i, name := range names {
		key := strings.TrimPrefix(name, "attachments/")
		if key == name || path.Base(key) != key || !files.IsKey(key) {
			return nil, fmt.Errorf("%s is not an attachment innonet wrote (attachments are files named by their id directly in DATA/attachments): move it out of the data dir and try again", name)
		}
		keys[i] = key
	}
	return keys, nil
}

func copyAttachment(ctx context.Context, sink attachmentSink, key, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := sink.PutAttachment(ctx, key, f, st.Size()); err != nil {
		return fmt.Errorf("copying attachment %s: %w", key, err)
	}
	return nil
}

// errNoBlob says the source's attachment storage lacks the file of an attachment record.
var errNoBlob = errors.New("no such attachment file")

// copyBlob copies the file of attachment key from the source's attachment storage to the target's.
func copyBlob(ctx context.Context, from models.BlobStore, sink attachmentSink, key string, size int64) error {
	r, err := from.OpenBlob(ctx, key)
	if models.ErrorCode(err) == models.CodeNotFound {
		return errNoBlob
	}
	if err != nil {
		return fmt.Errorf("reading attachment %s: %w", key, err)
	}
	defer r.Close()
	if err := sink.PutAttachment(ctx, key, r, size); err != nil {
		return fmt.Errorf("copying attachment %s: %w", key, err)
	}
	return nil
}
