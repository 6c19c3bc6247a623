package search

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/edgengram"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// IndexVersion identifies the mapping and analysis of the index. Bump it whenever either changes: an index
// built with another version is reported by Open as ErrVersionMismatch and must be rebuilt from the store.
const IndexVersion = 2

// Analyzer names of the mapping.
const (
	analyzerExact  = "vi_exact"  // lower case, NFC, canonical tone placement
	analyzerFold   = "vi_fold"   // lower case, no diacritics, light English stemming
	analyzerBigram = "vi_bigram" // folded word pairs: multi-syllable words and word order
	analyzerPrefix = "vi_prefix" // folded, unstemmed edge n-grams, for typeahead only
)

// Document types and the field that holds them.
const (
	typeMember    = "member"
	typeChallenge = "challenge"
	fieldDocType  = "doctype"
)

// Suffixes of the fields derived from one text property: the folded field keeps the property's name.
const (
	sufExact  = "_x"
	sufBigram = "_b"
	sufPrefix = "_p"
)

// Field names shared by both document types.
const (
	fieldSectors   = "sectors"
	fieldWard      = "ward"
	fieldUpdatedAt = "updated_at"
)

// Member fields.
const (
	fieldName        = "name"
	fieldHeadline    = "headline"
	fieldDescription = "description"
	fieldSkills      = "skills"
	fieldExtra       = "extra"
	fieldSkill       = "skill" // each skill as written, for typeahead
	fieldKind        = "kind"
	fieldStage       = "stage"
	fieldVerified    = "verified"
)

// Challenge fields.
const (
	fieldTitle   = "title"
	fieldSummary = "summary"
	fieldDetails = "details"
	fieldReqSkil = "required_skills"
	fieldStatus  = "status"
)

// newMapping builds the index mapping in code: two named document types (member, challenge) with static
// mappings, custom Vietnamese analyzers, and BM25 scoring. Documents are not mapped through it: docs.go
// builds them analyzed, with the same fields and terms (TestDocumentsMatchMapping), and the engine
// (engine.go) reads the segments directly; the mapping describes the index to Bleve and its tools.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.TypeField = fieldDocType
	im.DefaultAnalyzer = analyzerFold
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	im.DefaultMapping = mapping.NewDocumentDisabledMapping()

	if err := im.AddCustomTokenFilter("vi_shingle", map[string]any{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ",
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("vi_fold_stem", map[string]any{"type": foldFilterName, "stem": true}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("vi_fold_plain", map[string]any{"type": foldFilterName, "stem": false}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("vi_edge", map[string]any{
		"type": edgengram.Name, "min": 2.0, "max": 16.0, "back": false,
	}); err != nil {
		return nil, err
	}
	analyzers := map[string][]string{
		analyzerExact:  {lowercase.Name, toneFilterName},
		analyzerFold:   {lowercase.Name, "vi_fold_stem"},
		analyzerBigram: {lowercase.Name, "vi_fold_stem", "vi_shingle"},
		analyzerPrefix: {lowercase.Name, "vi_fold_plain", "vi_edge"},
	}
	for name, filters := range analyzers {
		if err := im.AddCustomAnalyzer(name, map[string]any{
			"type": custom.Name, "tokenizer": unicode.Name, "token_filters": toAny(filters),
		}); err != nil {
			return nil, err
		}
	}

	member := mapping.NewDocumentStaticMapping()
	addKeyword(member, fieldDocType, false)
	addText(member, fieldName, textStored|textExact|textPrefix)
	addText(member, fieldHeadline, textStored|textExact)
	addText(member, fieldDescription, textStored)
	addText(member, fieldSkills, textExact)
	addText(member, fieldExtra, 0)
	for _, f := range []string{fieldSkill, fieldKind, fieldWard, fieldStage, fieldSectors, fieldVerified} {
		addKeyword(member, f, false)
	}
	addKeyword(member, fieldUpdatedAt, true)
	im.AddDocumentMapping(typeMember, member)

	challenge := mapping.NewDocumentStaticMapping()
	addKeyword(challenge, fieldDocType, false)
	addText(challenge, fieldTitle, textStored|textExact)
	addText(challenge, fieldSummary, textStored)
	addText(challenge, fieldDetails, 0)
	addText(challenge, fieldReqSkil, textExact)
	for _, f := range []string{fieldStatus, fieldSectors, fieldWard} {
		addKeyword(challenge, f, false)
	}
	addKeyword(challenge, fieldUpdatedAt, true)
	im.AddDocumentMapping(typeChallenge, challenge)
	im.DefaultType = typeMember
	return im, im.Validate()
}

// Options of addText.
const (
	textStored = 1 << iota // keep the text, for highlights
	textExact              // an exact (accented) field: short texts only, where diacritics rank exact forms first
	textPrefix             // an edge n-gram field, for typeahead
)

// addText maps a text property to its folded and bigram fields, and to exact and edge n-gram fields as
// opts ask.
func addText(dm *mapping.DocumentMapping, name string, opts int) {
	field := func(suffix, analyzer string, stored bool) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Name = name + suffix
		fm.Analyzer = analyzer
		fm.Store = stored
		fm.IncludeTermVectors, fm.IncludeInAll, fm.DocValues = false, false, false
		return fm
	}
	fms := []*mapping.FieldMapping{field("", analyzerFold, opts&textStored != 0), field(sufBigram, analyzerBigram, false)}
	if opts&textExact != 0 {
		fms = append(fms, field(sufExact, analyzerExact, false))
	}
	if opts&textPrefix != 0 {
		fms = append(fms, field(sufPrefix, analyzerPrefix, false))
	}
	dm.AddFieldMappingsAt(name, fms...)
}

// addKeyword maps a property as one untouched term; the update time keeps doc values, for listing by
// recency (facets count bitmaps of postings, see engine.go). The update time's term is a fixed-width
// hexadecimal UnixNano (timeTerm), and a boolean is "T" or "F" (boolTerm).
func addKeyword(dm *mapping.DocumentMapping, name string, docValues bool) {
	fm := mapping.NewKeywordFieldMapping()
	fm.Analyzer = keyword.Name
	fm.Store, fm.IncludeTermVectors, fm.IncludeInAll = false, false, false
	fm.DocValues = docValues
	dm.AddFieldMappingsAt(name, fm)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
