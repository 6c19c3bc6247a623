package app

import (
	"context"
	"errors"
	"strconv"

	"github.com/hanoi-innovation/innonet/models"
)

// importBatch is how many records an import writes per store transaction.
const importBatch = 1000

// ImportReport says what an import did.
type ImportReport struct {
	Rows     int               `json:"rows"`     // records read, good and bad
	Imported int               `json:"imported"` // records written (created or updated)
	Errors   []models.RowError `json:"errors"`   // the bad records, by row
}

// Importer writes imported members or challenges in batches, upserting by their source id: a re-import
// updates and never duplicates. Bad records are reported with their row and the good ones still go in.
type Importer struct {
	s          *Service
	report     ImportReport
	members    []*models.Member
	challenges []*models.Challenge
	indexer    *importIndexer
	p          *models.Principal
	// Kind and File describe the import for the audit log: members or challenges, and the file's name.
	Kind, File string
	// Progress, when set, is called after each batch.
	Progress func(ImportReport)
}

// NewImport starts an import for p, who must be a signed-in admin.
func (s *Service) NewImport(p *models.Principal) (*Importer, error) {
	if err := requireAdmin(p); err != nil {
		return nil, err
	}
	return &Importer{s: s, p: p}, nil
}

// NewOperatorImport starts an import by the operator at the command line, who needs no account.
func (s *Service) NewOperatorImport() *Importer { return &Importer{s: s} }

// Reject records a record the reader could not parse.
func (im *Importer) Reject(e models.RowError) {
	im.report.Rows++
	im.report.Errors = append(im.report.Errors, e)
}

// AddMember validates a member read at row and queues it.
func (im *Importer) AddMember(ctx context.Context, row int, m *models.Member) error {
	im.report.Rows++
	m.Normalize()
	if m.ID == "" {
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Field: "/id", Message: "is required"})
		return nil
	}
	if err := m.Validate(im.s.Taxonomy); err != nil {
		im.rowErrors(row, err)
		return nil
	}
	im.members = append(im.members, m)
	if len(im.members) >= importBatch {
		return im.flush(ctx)
	}
	return nil
}

// AddChallenge validates a challenge read at row and queues it. Its agency must exist.
func (im *Importer) AddChallenge(ctx context.Context, row int, c *models.Challenge) error {
	im.report.Rows++
	c.Normalize()
	if c.ID == "" {
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Field: "/id", Message: "is required"})
		return nil
	}
	if c.Status == "" {
		c.Status = models.ChallengeOpen
	}
	if err := c.Validate(im.s.Taxonomy); err != nil {
		im.rowErrors(row, err)
		return nil
	}
	agency, err := im.s.Store.Member(ctx, c.PostedBy)
	switch {
	case models.ErrorCode(err) == models.CodeNotFound:
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Field: "/posted_by", Message: "no member has this id: import the agencies first"})
		return nil
	case err != nil:
		return err
	case agency.Kind != models.KindAgency:
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Field: "/posted_by", Message: "is not an agency"})
		return nil
	}
	im.challenges = append(im.challenges, c)
	if len(im.challenges) >= importBatch {
		return im.flush(ctx)
	}
	return nil
}

// Finish writes what is queued and returns the report.
func (im *Importer) Finish(ctx context.Context) (*ImportReport, error) {
	if err := errors.Join(im.flush(ctx), im.finishIndexing()); err != nil {
		return &im.report, err
	}
	if im.report.Errors == nil {
		im.report.Errors = []models.RowError{}
	}
	im.s.audit(ctx, im.p, models.AuditImport, models.TargetRecords, im.Kind, map[string]string{"file": im.File,
		"rows": strconv.Itoa(im.report.Rows), "imported": strconv.Itoa(im.report.Imported), "errors": strconv.Itoa(len(im.report.Errors))})
	return &im.report, nil
}

// storedMembers returns the stored versions of the queued members, by id.
func (im *Importer) storedMembers(ctx context.Context) (map[string]*models.Member, error) {
	if len(im.members) == 0 {
		return nil, nil
	}
	ids := make([]string, len(im.members))
	for i, m := range im.members {
		ids[i] = m.ID
	}
	old, err := im.s.Store.MembersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*models.Member, len(old))
	for _, m := range old {
		byID[m.ID] = m
	}
	return byID, nil
}

func (im *Importer) rowErrors(row int, err error) {
	fields := models.ErrorFields(err)
	if len(fields) == 0 {
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Message: models.ErrorMessage(err)})
	}
	for _, f := range fields {
		im.report.Errors = append(im.report.Errors, models.RowError{Row: row, Field: f.Pointer, Message: f.Detail})
	}
}

// keepContact fills the contact fields a file leaves empty from the stored ones, visibility included: an
// export carries only public fields, and importing it back must not erase the others.
func keepContact(c *models.Contact, old models.Contact) {
	if c.Email == "" {
		c.Email, c.EmailVisibility = old.Email, old.EmailVisibility
	}
	if c.Phone == "" {
		c.Phone, c.PhoneVisibility = old.Phone, old.PhoneVisibility
	}
	if c.Website == "" {
		c.Website, c.WebsiteVisibility = old.Website, old.WebsiteVisibility
	}
}

// flush writes the queued records, keeping what the store knows and the file does not: owners, creation
// and publication times, and the contact fields the file leaves empty.
func (im *Importer) flush(ctx context.Context) error {
	if len(im.members) == 0 && len(im.challenges) == 0 {
		return nil
	}
	now := im.s.now()
	stored, err := im.storedMembers(ctx)
	if err != nil {
		return err
	}
	for _, m := range im.members {
		m.CreatedAt, m.UpdatedAt, m.PublishedAt = now, now, &now
		if old := stored[m.ID]; old != nil {
			m.CreatedAt, m.OwnerIDs = old.CreatedAt, old.OwnerIDs
			if old.PublishedAt != nil {
				m.PublishedAt = old.PublishedAt
			}
			keepContact(&m.Contact, old.Contact)
		}
	}
	for _, c := range im.challenges {
		c.CreatedAt, c.UpdatedAt = now, now
		if c.Status != models.ChallengeDraft {
			c.PublishedAt = &now
		}
		if old, err := im.s.Store.Challenge(ctx, c.ID); err == nil {
			c.CreatedAt, c.PublishedAt, c.ClosedAt = old.CreatedAt, old.PublishedAt, old.ClosedAt
		} else if models.ErrorCode(err) != models.CodeNotFound {
			return err
		}
		if (c.Status == models.ChallengeClosed || c.Status == models.ChallengeAwarded) && c.ClosedAt == nil {
			c.ClosedAt = &now
		}
	}
	if err := im.store(ctx); err != nil {
		return err
	}
	im.report.Imported += len(im.members) + len(im.challenges)
	im.members, im.challenges = im.members[:0], im.challenges[:0]
	im.s.indexChanged()
	if im.Progress != nil {
		im.Progress(im.report)
	}
	return nil
}
