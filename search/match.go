package search

import (
	"context"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// Matching retrieves candidates with a "more like this" query built from one document (a challenge, or a
// member's profile) and run against the other type. The query (match_plan.go) is made of units: the
// source's tags (required skills, skills, services) as phrases with their glossary forms, glossary phrases
// found in its text (kept only when written as the glossary writes them: "xã" is not "xa"), and its most
// distinctive word pairs and words, chosen by tf-idf from the index's own statistics; terms in more than a
// tenth of the documents are left out, and on a large index a postings budget drops the commonest units
// first. The units are scored term at a time (match_exec.go): each term's postings are read once, BM25 per
// field with one idf per term across fields, into dense per-document arrays, so that a limit of 20,000 costs
// little more than one of 100, and each candidate knows which units it matched (its Matched labels,
// match_labels.go). Agencies and the posting agency, or challenges that are not open, are zeroed from the
// postings of their keyword terms (match_filter.go).

// maxMatchLimit bounds the candidates one call returns (a notification fan-out asks for many).
const maxMatchLimit = 20000

// SolversFor returns the published members whose profiles resemble the challenge, best first: never
// agencies, never the posting agency. Relevance is the retrieval score; Matched lists what the profile
// matched, most telling first (required skills as the challenge names them, then phrases and words of its
// text, with their accents).
func (ix *Index) SolversFor(ctx context.Context, c *models.Challenge, limit int) ([]models.Candidate, error) {
	return ix.solversFor(ctx, c, limit, defaultMatchTuning())
}

func (ix *Index) solversFor(ctx context.Context, c *models.Challenge, limit int, t matchTuning) ([]models.Candidate, error) {
	if c == nil {
		return nil, nil
	}
	src := matchSource{
		texts: []weightedText{
			{c.Title, 2}, {c.Description, 1}, {c.Context, 1}, {c.Constraints, 0.8}, {c.ExpectedOutcome, 0.8},
		},
		tags:    weightedTags(c.RequiredSkills, 1),
		sectors: c.Sectors,
	}
	f := matchFilter{excludeTerms: [][2]string{{fieldKind, string(models.KindAgency)}}}
	if c.PostedBy != "" {
		f.excludeIDs = []string{memberPrefix + c.PostedBy}
	}
	return ix.match(ctx, t, memberTarget(), src, f, limit)
}

// ChallengesFor returns the open challenges whose texts resemble the member's profile, best first. Agencies
// post challenges rather than solve them, so they get none. Matched lists what the challenge matched of
// the profile.
func (ix *Index) ChallengesFor(ctx context.Context, m *models.Member, limit int) ([]models.Candidate, error) {
	if m == nil || m.Kind == models.KindAgency {
		return nil, nil
	}
	src := matchSource{
		texts: []weightedText{
			{m.Headline, 2}, {m.Description, 1}, {m.Title, 0.8}, {m.Organization, 0.5},
		},
		tags:    append(weightedTags(m.Skills, 1), weightedTags(m.Services, 0.7)...),
		sectors: m.Sectors,
	}
	f := matchFilter{requireTerm: [2]string{fieldStatus, string(models.ChallengeOpen)}}
	return ix.match(ctx, defaultMatchTuning(), challengeTarget(), src, f, limit)
}

// SameConcept reports whether two skills or topics name the same thing: they are equal once folded (case,
// diacritics, tone placement and English plurals aside), or they are forms of one glossary group
// ("computer vision" and "thị giác máy tính").
func (ix *Index) SameConcept(a, b string) bool {
	ka, kb := conceptKey(a), conceptKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	for _, i := range ix.gloss.byKey[ka] {
		for _, j := range ix.gloss.byKey[kb] {
			if i == j {
				return true
			}
		}
	}
	return false
}

// conceptKey is the folded, stemmed form of a phrase, the key of the glossary.
func conceptKey(s string) string {
	return foldedKey(words(models.NormalizeText(s)))
}

// weightedText is a text of the source document and how much its words count.
type weightedText struct {
	text   string
	weight float64
}

func weightedTags(tags []string, weight float64) []weightedText {
	out := make([]weightedText, 0, len(tags))
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, weightedText{t, weight})
		}
	}
	return out
}

// matchSource is what a match query is built from: free texts, tags matched as phrases, and sectors.
type matchSource struct {
	texts   []weightedText
	tags    []weightedText
	sectors []string
}

// matchField is a folded text field of the target documents and its weight.
type matchField struct {
	name  string
	boost float64
}

// matchTarget is the type of document a match query looks for.
type matchTarget struct {
	docType string
	prefix  string
	fields  []matchField
}

func memberTarget() matchTarget {
	return matchTarget{docType: typeMember, prefix: memberPrefix, fields: []matchField{
		{fieldHeadline, 2}, {fieldSkills, 2.5}, {fieldDescription, 1},
	}}
}

func challengeTarget() matchTarget {
	return matchTarget{docType: typeChallenge, prefix: challengePrefix, fields: []matchField{
		{fieldTitle, 2}, {fieldReqSkil, 2.5}, {fieldSummary, 1}, {fieldDetails, 0.8},
	}}
}

// matchFilter keeps documents out of (or, with requireTerm, only in) the results, by keyword terms and ids.
type matchFilter struct {
	excludeTerms [][2]string // field, value
	excludeIDs   []string    // document ids, with their type prefix
	requireTerm  [2]string   // field, value; empty: no requirement
}
