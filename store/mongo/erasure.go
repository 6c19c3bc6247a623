package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
)

// EraseAccount deletes an account, then what is kept for it alone. Without a transaction the account goes
// first: a crash part way leaves only rows that nothing reaches any more.
func (s *Store) EraseAccount(ctx context.Context, accountID, email string) (err error) {
	defer models.Wrap(&err, "EraseAccount(%q)", accountID)
	res, err := s.accounts.DeleteOne(ctx, byID(accountID))
	if err != nil {
		return dbError("delete account", err)
	}
	if res.DeletedCount == 0 {
		return notFound("account")
	}
	byAccount := bson.D{{Key: "account_id", Value: accountID}}
	for _, c := range []struct {
		coll   *mongo.Collection
		filter bson.D
	}{
		{s.tokens, byAccount},
		{s.notes, byAccount},
		{s.consents, byAccount},
		{s.prefs, byID(accountID)},
		{s.outbox, bson.D{{Key: "$or", Value: bson.A{byAccount, bson.D{{Key: "to", Value: models.NormalizeEmail(email)}}}}}},
	} {
		if _, err := c.coll.DeleteMany(ctx, c.filter); err != nil {
			return dbError("erase from "+c.coll.Name(), err)
		}
	}
	return nil
}

// ForgetMemberInNotifications takes a departing member's id and name out of the notifications about it.
func (s *Store) ForgetMemberInNotifications(ctx context.Context, memberID, anonID, title string) (err error) {
	defer models.Wrap(&err, "ForgetMemberInNotifications(%q)", memberID)
	_, err = s.notes.UpdateMany(ctx, bson.D{{Key: "member_id", Value: memberID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "member_id", Value: anonID}, {Key: "title", Value: title}}}})
	if err != nil {
		return dbError("forget member in notifications", err)
	}
	return nil
}

// DetachInterests moves a member's interests to an anonymous id and forgets who sent them.
func (s *Store) DetachInterests(ctx context.Context, memberID, anonID, sentBy string) (err error) {
	defer models.Wrap(&err, "DetachInterests(%q)", memberID)
	bump := bson.E{Key: "$inc", Value: bson.D{{Key: "version", Value: int64(1)}}}
	if memberID != "" {
		_, err := s.interests.UpdateMany(ctx, bson.D{{Key: "member_id", Value: memberID}}, bson.D{
			{Key: "$set", Value: bson.D{{Key: "member_id", Value: anonID}, {Key: "account_id", Value: ""}}}, bump})
		if err != nil {
			return dbError("detach interests", err)
		}
	}
	if sentBy == "" {
		return nil
	}
	_, err = s.interests.UpdateMany(ctx, bson.D{{Key: "account_id", Value: sentBy}}, bson.D{
		{Key: "$set", Value: bson.D{{Key: "account_id", Value: ""}}}, bump})
	if err != nil {
		return dbError("detach interests", err)
	}
	return nil
}
