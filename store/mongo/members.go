package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// CreateMember inserts m at version 1, giving it an id if it has none. An id in use is a CodeConflict error
// with the pointer /id; the id of a deleted member can be taken again (its version then goes on from the
// tombstone's).
func (s *Store) CreateMember(ctx context.Context, m *models.Member) (err error) {
	defer models.Wrap(&err, "CreateMember(%q)", m.ID)
	if m.ID == "" {
		m.ID = models.NewID(models.MemberIDPrefix(m.Kind))
	}
	roundMemberTimes(m)
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return err
	}
	d := toMemberDoc(m, seq)
	d.Version = 1
	_, err = s.members.InsertOne(ctx, d)
	if err == nil {
		m.Version = 1
		return nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return dbError("insert member", err)
	}
	// The id may belong to a tombstone: the member comes back.
	v, err := replaceBumping(ctx, s.members, bson.D{{Key: "_id", Value: m.ID}, {Key: "deleted", Value: true}}, d, false)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return duplicate("member", "/id", "id")
	case err != nil:
		return dbError("revive member", err)
	}
	m.Version = v
	return nil
}

// Member returns the member with the id, drafts included. A deleted member is not found.
func (s *Store) Member(ctx context.Context, id string) (*models.Member, error) {
	var d memberDoc
	err := s.members.FindOne(ctx, live(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("member")
	case err != nil:
		return nil, dbError("find member", err)
	}
	return d.toModel(), nil
}

// MembersByID returns the members with these ids that exist, drafts included.
func (s *Store) MembersByID(ctx context.Context, ids []string) ([]*models.Member, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cur, err := s.members.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}, {Key: "deleted", Value: false}})
	if err != nil {
		return nil, dbError("find members", err)
	}
	var docs []memberDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, dbError("read members", err)
	}
	ms := make([]*models.Member, len(docs))
	for i := range docs {
		ms[i] = docs[i].toModel()
	}
	return ms, nil
}

// UpdateMember replaces the member if its stored version is still m.Version, then increments m.Version.
func (s *Store) UpdateMember(ctx context.Context, m *models.Member) (err error) {
	defer models.Wrap(&err, "UpdateMember(%q)", m.ID)
	roundMemberTimes(m)
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return err
	}
	d := toMemberDoc(m, seq)
	d.Version = m.Version + 1
	res, err := s.members.ReplaceOne(ctx, liveAt(m.ID, m.Version), d)
	if err != nil {
		return dbError("update member", err)
	}
	if res.MatchedCount == 0 {
		return writeFailure(ctx, s.members, m.ID, "member")
	}
	m.Version = d.Version
	return nil
}

// DeleteMember replaces the member by a tombstone if its stored version is still version.
func (s *Store) DeleteMember(ctx context.Context, id string, version int64) (err error) {
	defer models.Wrap(&err, "DeleteMember(%q)", id)
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return err
	}
	res, err := s.members.ReplaceOne(ctx, liveAt(id, version), memberTombstone(id, version+1, seq))
	if err != nil {
		return dbError("delete member", err)
	}
	if res.MatchedCount == 0 {
		return writeFailure(ctx, s.members, id, "member")
	}
	return nil
}

// ListMembers returns a page of the members that match f, last updated first, and how many match in all.
func (s *Store) ListMembers(ctx context.Context, f models.MemberFilter) ([]*models.Member, int, error) {
	filter := bson.D{{Key: "deleted", Value: false}}
	for _, c := range []struct{ key, value string }{
		{"kind", string(f.Kind)}, {"sectors", f.Sector}, {"ward", f.Ward}, {"stage", f.Stage},
		{"verification", string(f.Verification)}, {"status", string(f.Status)},
	} {
		if c.value != "" {
			filter = append(filter, bson.E{Key: c.key, Value: c.value})
		}
	}
	var docs []memberDoc
	total, err := findPage(ctx, s.members, filter, f.Page, &docs)
	if err != nil {
		return nil, 0, dbError("list members", err)
	}
	out := make([]*models.Member, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, total, nil
}

// UpsertMembers writes the members by id: new ones are created at version 1, existing ones (tombstones
// included) replaced with their version incremented; each m.Version is set to the stored one. Members without
// an id get one. The write is not atomic as a whole: on an error, some members may have been written.
func (s *Store) UpsertMembers(ctx context.Context, ms []*models.Member) (err error) {
	defer models.Wrap(&err, "UpsertMembers(%d members)", len(ms))
	for start := 0; start < len(ms); start += upsertBatch {
		batch := ms[start:min(start+upsertBatch, len(ms))]
		seq, err := s.nextSeqs(ctx, len(batch))
		if err != nil {
			return err
		}
		writes := make([]mongo.WriteModel, len(batch))
		ids := make([]string, len(batch))
		for i, m := range batch {
			if m.ID == "" {
				m.ID = models.NewID(models.MemberIDPrefix(m.Kind))
			}
			roundMemberTimes(m)
			update, err := bumpingUpdate(toMemberDoc(m, seq+int64(i)))
			if err != nil {
				return err
			}
			writes[i] = mongo.NewUpdateOneModel().SetFilter(byID(m.ID)).SetUpdate(update).SetUpsert(true)
			ids[i] = m.ID
		}
		if err := s.bulkUpsert(ctx, s.members, writes, ids, func(i int, v int64) { batch[i].Version = v }); err != nil {
			return err
		}
	}
	return nil
}

// bulkUpsert runs the upserts in order, then reads back the stored versions of ids and hands them to
// setVersion by position.
func (s *Store) bulkUpsert(ctx context.Context, coll *mongo.Collection, writes []mongo.WriteModel, ids []string,
	setVersion func(i int, version int64)) error {
	if err := bulkWriteRetrying(ctx, coll, writes); err != nil {
		return dbError("upsert "+coll.Name(), err)
	}
	vs, err := versions(ctx, coll, ids)
	if err != nil {
		return dbError("read versions of "+coll.Name(), err)
	}
	for i, id := range ids {
		setVersion(i, vs[id])
	}
	return nil
}

// upsertRetries bounds how often an upsert that lost a race to create the same id is tried again.
const upsertRetries = 5

// bulkWriteRetrying runs writes, an ordered list of upserts. Two upserts that create the same new id at once
// can fail with a duplicate key (servers before 4.2 do not retry them): the upserts from the failed one on
// are run again, and then find the document the other one created.
func bulkWriteRetrying(ctx context.Context, coll *mongo.Collection, writes []mongo.WriteModel) error {
	for attempt := 0; ; attempt++ {
		_, err := coll.BulkWrite(ctx, writes, options.BulkWrite().SetOrdered(true))
		var bwe mongo.BulkWriteException
		if err == nil || attempt == upsertRetries || !mongo.IsDuplicateKeyError(err) || !errors.As(err, &bwe) ||
			len(bwe.WriteErrors) == 0 {
			return err
		}
		writes = writes[bwe.WriteErrors[0].Index:]
	}
}
