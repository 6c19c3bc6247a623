package mongo

import (
	"bytes"
	"context"
	"errors"
	"io"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// blobBucket is the GridFS bucket of the attachments.
const blobBucket = "attachments"

// Blobs keeps the bytes of attachments in GridFS, in the store's database, with the key as the file id.
type Blobs struct {
	bucket *mongo.GridFSBucket
}

var _ models.BlobStore = (*Blobs)(nil)

// Blobs returns the GridFS blob store of the store's database.
func (s *Store) Blobs() *Blobs {
	return &Blobs{bucket: s.db.GridFSBucket(options.GridFSBucket().SetName(blobBucket))}
}

// PutBlob uploads the bytes under key; a taken key is a CodeConflict error.
func (b *Blobs) PutBlob(ctx context.Context, key string, data []byte) error {
	return b.PutBlobFrom(ctx, key, bytes.NewReader(data))
}

// PutBlobFrom uploads what r reads under key, chunk by chunk, without holding it all in memory; a taken key
// is a CodeConflict error.
func (b *Blobs) PutBlobFrom(ctx context.Context, key string, r io.Reader) (err error) {
	defer models.Wrap(&err, "gridfs.PutBlob(%q)", key)
	n, err := b.bucket.GetFilesCollection().CountDocuments(ctx, byID(key), options.Count().SetLimit(1))
	if err != nil {
		return dbError("find blob", err)
	}
	if n > 0 {
		return models.Errorf(models.CodeConflict, "a blob with this key already exists")
	}
	if err := b.bucket.UploadFromStreamWithID(ctx, key, key, r); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return models.Errorf(models.CodeConflict, "a blob with this key already exists")
		}
		return dbError("upload blob", err)
	}
	return nil
}

// OpenBlob opens a download stream of key.
func (b *Blobs) OpenBlob(ctx context.Context, key string) (_ io.ReadCloser, err error) {
	defer models.Wrap(&err, "gridfs.OpenBlob(%q)", key)
	st, err := b.bucket.OpenDownloadStream(ctx, key)
	if errors.Is(err, mongo.ErrFileNotFound) {
		return nil, models.Errorf(models.CodeNotFound, "attachment not found")
	}
	if err != nil {
		return nil, dbError("open blob", err)
	}
	return st, nil
}

// DeleteBlob removes key and its chunks, if any.
func (b *Blobs) DeleteBlob(ctx context.Context, key string) (err error) {
	defer models.Wrap(&err, "gridfs.DeleteBlob(%q)", key)
	if err := b.bucket.Delete(ctx, key); err != nil && !errors.Is(err, mongo.ErrFileNotFound) {
		return dbError("delete blob", err)
	}
	return nil
}
