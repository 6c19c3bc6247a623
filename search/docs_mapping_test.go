package search

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/hanoi-innovation/innonet/models"
)

// The documents as the mapping would build them from structs (the way the index was first built), to
// check that docs.go's pre-analyzed documents hold the same terms.

// mappedMember is what the index holds of a published member.
type mappedMember struct {
	DocType     string    `json:"doctype"`
	Name        string    `json:"name"`
	Headline    string    `json:"headline"`
	Description string    `json:"description"`
	Skills      []string  `json:"skills"`
	Extra       []string  `json:"extra"`
	SkillSug    []string  `json:"skill_sug"`
	Kind        string    `json:"kind"`
	Sectors     []string  `json:"sectors"`
	Ward        string    `json:"ward"`
	Stage       string    `json:"stage,omitempty"`
	Verified    bool      `json:"verified"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// BleveType names the document mapping of a member.
func (mappedMember) BleveType() string { return typeMember }

// mappedChallenge is what the index holds of a challenge that is not a draft.
type mappedChallenge struct {
	DocType        string    `json:"doctype"`
	Title          string    `json:"title"`
	Summary        string    `json:"summary"`
	Details        []string  `json:"details"`
	RequiredSkills []string  `json:"required_skills"`
	Status         string    `json:"status"`
	Sectors        []string  `json:"sectors"`
	Ward           string    `json:"ward"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// BleveType names the document mapping of a challenge.
func (mappedChallenge) BleveType() string { return typeChallenge }

// newMappedMember builds the indexed form of m. Sector labels in both languages join the extra text, so an
// English query finds a Vietnamese profile through its sectors too.
func newMappedMember(m *models.Member, tax *models.Taxonomy) mappedMember {
	d := mappedMember{
		DocType:     typeMember,
		Name:        models.NormalizeText(m.Name),
		Headline:    models.NormalizeText(m.Headline),
		Description: models.NormalizeText(m.Description),
		Skills:      models.NormalizeTags(m.Skills),
		Kind:        string(m.Kind),
		Sectors:     m.Sectors,
		Ward:        models.NormalizeText(m.Ward),
		Stage:       m.Stage,
		Verified:    m.Verified(),
		UpdatedAt:   m.UpdatedAt.UTC(),
	}
	d.Extra = append(d.Extra, sectorLabels(m.Sectors, tax)...)
	for _, s := range []string{m.Organization, m.Title, m.Jurisdiction} {
		if s = models.NormalizeText(s); s != "" {
			d.Extra = append(d.Extra, s)
		}
	}
	d.Extra = append(d.Extra, models.NormalizeTags(m.Services)...)
	d.SkillSug = nil
	return d
}

func newMappedChallenge(c *models.Challenge, tax *models.Taxonomy) mappedChallenge {
	d := mappedChallenge{
		DocType:        typeChallenge,
		Title:          models.NormalizeText(c.Title),
		Summary:        models.NormalizeText(c.Description),
		RequiredSkills: models.NormalizeTags(c.RequiredSkills),
		Status:         string(c.Status),
		Sectors:        c.Sectors,
		Ward:           models.NormalizeText(c.Ward),
		UpdatedAt:      c.UpdatedAt.UTC(),
	}
	for _, s := range []string{c.Context, c.Constraints, c.ExpectedOutcome} {
		if s = models.NormalizeText(s); s != "" {
			d.Details = append(d.Details, s)
		}
	}
	d.Details = append(d.Details, sectorLabels(c.Sectors, tax)...)
	return d
}

// TestDocumentsMatchMapping checks that the documents built by docs.go have, field by field, the terms,
// frequencies and lengths that the mapping's analyzers give the same member or challenge.
func TestDocumentsMatchMapping(t *testing.T) {
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	tax := models.MustTaxonomy()
	ms := loadMembers(t, evalFile(t, "members.jsonl"))
	cs := loadChallenges(t, evalFile(t, "challenges.jsonl"))
	check := func(id string, mapped any, built *idxDoc) {
		d := document.NewDocument(id)
		if err := im.MapDocument(d, mapped); err != nil {
			t.Fatal(err)
		}
		want := fieldTerms(func(v index.FieldVisitor) { d.VisitFields(v) }, true)
		got := fieldTerms(built.VisitFields, false)
		for _, f := range []string{fieldUpdatedAt, fieldVerified, fieldSkill} { // typed fields, indexed as keywords now; skills as they are
			delete(want, f)
			delete(got, f)
		}
		for f, w := range want {
			if w == "=+ len |" && got[f] == "" { // an empty keyword, no longer indexed
				continue
			}
			if got[f] != w {
				t.Errorf("%s %s:\n got %s\nwant %s", id, f, got[f], w)
			}
		}
		for f, g := range got {
			if _, ok := want[f]; !ok {
				t.Errorf("%s: extra field %s: %s", id, f, g)
			}
		}
	}
	for _, m := range ms {
		check(m.ID, newMappedMember(m, tax), memberDocument(m, tax))
	}
	for _, c := range cs {
		check(c.ID, newMappedChallenge(c, tax), challengeDocument(c, tax))
	}
}

// fieldTerms sums each field's length and term frequencies over its values (as the index does) and
// formats them; accentedExact keeps only the terms with diacritics of the exact fields, as docs.go
// indexes them.
func fieldTerms(visit func(index.FieldVisitor), accentedExact bool) map[string]string {
	lens := map[string]int{}
	freqs := map[string]map[string]int{}
	visit(func(f index.Field) {
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		lens[f.Name()] += f.AnalyzedLength()
		if freqs[f.Name()] == nil {
			freqs[f.Name()] = map[string]int{}
		}
		for term, tf := range f.AnalyzedTokenFrequencies() {
			if accentedExact && strings.HasSuffix(f.Name(), sufExact) && !HasDiacritics(term) {
				continue
			}
			freqs[f.Name()][term] += tf.Frequency()
		}
	})
	out := map[string]string{}
	for f, fr := range freqs {
		var terms []string
		for term, n := range fr {
			terms = append(terms, term+"="+strings.Repeat("+", n))
		}
		sort.Strings(terms)
		out[f] = strings.Join(terms, " ") + " len " + strings.Repeat("|", lens[f])
	}
	return out
}

var _ = time.Time{}

func TestNormalizeTextFastPath(t *testing.T) {
	for _, s := range []string{" Đổi mới sáng tạo ", "hoà", "e\u0301", "ỗ ộ ẫ", "Ω", "A\u030a", "x\u0340"} {
		if got, want := normalizeText(s), models.NormalizeText(s); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range loadMembers(t, evalFile(t, "members.jsonl")) {
		if got := normalizeText(s.Description); got != models.NormalizeText(s.Description) {
			t.Errorf("%s description differs", s.ID)
		}
	}
}

// TestTokenizerMatchesBleve compares the tokenizer with Bleve's unicode tokenizer and lower-case filter
// over the texts of the evaluation set and a few odd ones.
func TestTokenizerMatchesBleve(t *testing.T) {
	texts := []string{"", "  ", "X-quang, e-KYC; 3.5 triệu/tháng (17%) people's Ⱥ ΣΑΣ", "🚀🔥💡 \u200b\u202e", "ĐỔI MỚI", "中文 日本語 한국어",
		"a\u0301 hoa\u0300", "\xff\xfe invalid", "ÅNGSTRÖM İstanbul"}
	for _, m := range loadMembers(t, evalFile(t, "members.jsonl")) {
		texts = append(texts, m.Name, m.Headline, m.Description, strings.Join(m.Skills, ", "))
	}
	tk := &tokenizer{}
	for _, s := range texts {
		var want []string
		for _, tok := range lowercase.NewLowerCaseFilter().Filter(unicode.NewUnicodeTokenizer().Tokenize([]byte(s))) {
			want = append(want, string(tok.Term))
		}
		var got []string
		for _, w := range tk.words(s) {
			got = append(got, string(w))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%.40q:\n got %q\nwant %q", s, got, want)
		}
	}
}
