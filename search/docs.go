package search

import (
	"fmt"
	"strings"
	"sync"
	"time"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/hanoi-innovation/innonet/models"
)

// Document ids carry their type, so a member and a challenge may share an id.
const (
	memberPrefix    = "m/"
	challengePrefix = "c/"
)

// Documents are built here, already analyzed, and handed to the index as they are: each text is split
// into words once, and the words give the terms of every field derived from it (folded, word pairs, exact,
// edge n-grams), the same terms that the analyzers of the mapping (mapping.go) produce, which
// TestDocumentsMatchMapping checks. Analyzing through the mapping instead took each text through the
// tokenizer three or four times and cost more than half of the indexing time.

// memberDocument builds the indexed form of a published member. Sector labels in both languages join the
// extra text, so an English query finds a Vietnamese profile through its sectors too.
func memberDocument(m *models.Member, tax *models.Taxonomy) *idxDoc {
	d := newIdxDoc(memberPrefix + m.ID)
	d.keyword(fieldDocType, false, typeMember)
	d.text(fieldName, textStored|textExact|textPrefix, normalizeText(m.Name))
	d.text(fieldHeadline, textStored|textExact, normalizeText(m.Headline))
	d.text(fieldDescription, textStored, normalizeText(m.Description))
	skills := models.NormalizeTags(m.Skills)
	d.text(fieldSkills, textExact, skills...)
	extra := sectorLabels(m.Sectors, tax)
	for _, s := range []string{m.Organization, m.Title, m.Jurisdiction} {
		if s = normalizeText(s); s != "" {
			extra = append(extra, s)
		}
	}
	extra = append(extra, models.NormalizeTags(m.Services)...)
	d.text(fieldExtra, 0, extra...)
	d.keyword(fieldSkill, false, skills...)
	d.keyword(fieldKind, false, string(m.Kind))
	d.keyword(fieldSectors, false, m.Sectors...)
	d.keyword(fieldWard, false, normalizeText(m.Ward))
	d.keyword(fieldStage, false, m.Stage)
	d.keyword(fieldVerified, false, boolTerm(m.Verified()))
	d.keyword(fieldUpdatedAt, true, timeTerm(m.UpdatedAt))
	return d
}

// challengeDocument builds the indexed form of a challenge that is not a draft.
func challengeDocument(c *models.Challenge, tax *models.Taxonomy) *idxDoc {
	d := newIdxDoc(challengePrefix + c.ID)
	d.keyword(fieldDocType, false, typeChallenge)
	d.text(fieldTitle, textStored|textExact, normalizeText(c.Title))
	d.text(fieldSummary, textStored, normalizeText(c.Description))
	var details []string
	for _, s := range []string{c.Context, c.Constraints, c.ExpectedOutcome} {
		if s = normalizeText(s); s != "" {
			details = append(details, s)
		}
	}
	d.text(fieldDetails, 0, append(details, sectorLabels(c.Sectors, tax)...)...)
	d.text(fieldReqSkil, textExact, models.NormalizeTags(c.RequiredSkills)...)
	d.keyword(fieldStatus, false, string(c.Status))
	d.keyword(fieldSectors, false, c.Sectors...)
	d.keyword(fieldWard, false, normalizeText(c.Ward))
	d.keyword(fieldUpdatedAt, true, timeTerm(c.UpdatedAt))
	return d
}

// normalizeText is models.NormalizeText (NFC, trimmed) with a fast path for the usual text, which the
// store has normalized already: letters that are NFC by themselves (ASCII, Latin-1 and Latin Extended A/B,
// Vietnamese's precomposed letters) and no combining mark.
func normalizeText(s string) string {
	for _, r := range s {
		if r >= 0x0300 && (r < 0x1E00 || r > 0x1EFF) {
			return models.NormalizeText(s)
		}
	}
	return strings.TrimSpace(s)
}

// timeTerm is a time as a term that sorts as the time does: UTC, fixed width.
func timeTerm(t time.Time) string { return fmt.Sprintf("%016x", uint64(t.UTC().UnixNano())) }

func sectorLabels(ids []string, tax *models.Taxonomy) []string {
	if tax == nil {
		return nil
	}
	var out []string
	for _, id := range ids {
		if s, ok := tax.Sector(id); ok {
			out = append(out, s.LabelVI, s.LabelEN)
		}
	}
	return out
}

// idxDoc is a document in the form the index takes: fields already analyzed. It implements Bleve's
// index.Document.
type idxDoc struct {
	id     string
	fields []*idxField
	bytes  uint64
	// Documents are reused (docPool) once the index has built its segment from them: the fields of the
	// last use, by name, and the term frequencies, allocated in chunks.
	spare map[string]*idxField
	slabs [][]index.TokenFreq
	slab  int
}

// docPool holds documents the index is done with, for reuse: building a document allocates a map per
// field and a TokenFreq per term.
var docPool = sync.Pool{New: func() any { return &idxDoc{spare: map[string]*idxField{}} }}

// idxField is an analyzed field: its terms, their frequencies, the field's length in terms and, when
// stored, its text. It implements Bleve's index.Field.
type idxField struct {
	doc    *idxDoc
	name   string
	value  []byte
	opts   index.FieldIndexingOptions
	length int
	freqs  index.TokenFrequencies
}

func newIdxDoc(id string) *idxDoc {
	d := docPool.Get().(*idxDoc)
	d.id, d.bytes = id, 0
	for _, f := range d.fields {
		d.spare[f.name] = f
	}
	d.fields = d.fields[:0]
	for i := range d.slabs {
		d.slabs[i] = d.slabs[i][:0]
	}
	d.slab = 0
	return d
}

// release hands the document back for reuse; the caller must not use it afterwards.
func (d *idxDoc) release() { docPool.Put(d) }

func (d *idxDoc) ID() string { return d.id }

func (d *idxDoc) Size() int {
	n := 64 + len(d.id)
	for _, f := range d.fields {
		n += 96 + len(f.name) + len(f.value) + 64*len(f.freqs)
	}
	return n
}

func (d *idxDoc) VisitFields(visitor index.FieldVisitor) {
	for _, f := range d.fields {
		visitor(f)
	}
}

func (d *idxDoc) VisitComposite(index.CompositeFieldVisitor) {}
func (d *idxDoc) HasComposite() bool                         { return false }
func (d *idxDoc) NumPlainTextBytes() uint64                  { return d.bytes }
func (d *idxDoc) StoredFieldsBytes() uint64                  { return d.bytes }
func (d *idxDoc) Indexed() bool                              { return true }

// AddIDField adds the _id field, indexed and stored, as Bleve's documents do.
func (d *idxDoc) AddIDField() {
	f := d.field("_id", index.IndexField|index.StoreField, 1)
	f.value = append(f.value, d.id...)
	f.add(d.id)
}

func (d *idxDoc) field(name string, opts index.FieldIndexingOptions, size int) *idxField {
	f, ok := d.spare[name]
	if ok {
		delete(d.spare, name)
		clear(f.freqs)
		f.length, f.value = 0, f.value[:0]
	} else {
		f = &idxField{doc: d, name: name, freqs: make(index.TokenFrequencies, size)}
	}
	f.opts = opts
	d.fields = append(d.fields, f)
	return f
}

// add counts one more occurrence of term. TokenFreq.Term is left empty: the index reads the map's keys.
func (f *idxField) add(term string) {
	f.length++
	if tf, ok := f.freqs[term]; ok {
		tf.SetFrequency(tf.Frequency() + 1)
		return
	}
	d := f.doc
	if d.slab < len(d.slabs) && len(d.slabs[d.slab]) == cap(d.slabs[d.slab]) {
		d.slab++
	}
	if d.slab == len(d.slabs) {
		d.slabs = append(d.slabs, make([]index.TokenFreq, 0, 256))
	}
	sl := d.slabs[d.slab][:len(d.slabs[d.slab])+1]
	d.slabs[d.slab] = sl
	tf := &sl[len(sl)-1]
	*tf = index.TokenFreq{}
	tf.SetFrequency(1)
	f.freqs[term] = tf
}

func (f *idxField) Name() string                                     { return f.name }
func (f *idxField) Value() []byte                                    { return f.value }
func (f *idxField) ArrayPositions() []uint64                         { return nil }
func (f *idxField) EncodedFieldType() byte                           { return 't' }
func (f *idxField) Analyze()                                         {}
func (f *idxField) Options() index.FieldIndexingOptions              { return f.opts }
func (f *idxField) AnalyzedLength() int                              { return f.length }
func (f *idxField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
func (f *idxField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }

// keyword adds a field whose terms are the values as they are.
func (d *idxDoc) keyword(name string, docValues bool, values ...string) {
	opts := index.IndexField
	if docValues {
		opts |= index.DocValues
	}
	var f *idxField
	for _, v := range values {
		if v == "" {
			continue
		}
		if f == nil {
			f = d.field(name, opts, len(values))
		}
		f.add(v)
	}
}

// text adds the fields of a text property: folded, word pairs of folded words, and exact and edge
// n-gram fields as opts ask. Values are analyzed separately: word pairs never span two of them.
func (d *idxDoc) text(name string, opts int, values ...string) {
	var fold, pairs, exact, prefix *idxField
	tk := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(tk)
	for _, v := range values {
		if v == "" {
			continue
		}
		toks := tk.words(v)
		if fold == nil {
			fo, size := index.IndexField, len(toks)*len(values)
			if opts&textStored != 0 && len(values) == 1 {
				fo |= index.StoreField
			}
			fold, pairs = d.field(name, fo, size), d.field(name+sufBigram, index.IndexField, size)
			if opts&textStored != 0 && len(values) == 1 {
				fold.value = append(fold.value, v...)
				d.bytes += uint64(len(v))
			}
			if opts&textExact != 0 {
				exact = d.field(name+sufExact, index.IndexField, size)
			}
			if opts&textPrefix != 0 {
				prefix = d.field(name+sufPrefix, index.IndexField, 4*size)
			}
		}
		prev := ""
		for k, t := range toks {
			w := formsOf(t)
			fold.add(w.fold)
			if k > 0 {
				pairs.add(prev + " " + w.fold)
			}
			prev = w.fold
			if exact != nil {
				// Only words typed with diacritics are looked up in the exact fields (see wordClauses);
				// the others count in the field's length only.
				if w.accented {
					exact.add(w.exact)
				} else {
					exact.length++
				}
			}
			if prefix != nil {
				addEdgeGrams(prefix, w.plain)
			}
		}
	}
}

// wordForms are the terms one lower-cased word gives: folded and stemmed, folded, and exact, and whether
// it has diacritics (or other letters that folding keeps).
type wordForms struct {
	fold, plain, exact string
	accented           bool
}

// words caches the forms of the words seen, up to maxCachedWords: a language has far fewer words than a
// corpus has occurrences.
var wordCache = struct {
	sync.RWMutex
	m map[string]*wordForms
}{m: map[string]*wordForms{}}

const maxCachedWords = 1 << 17

func formsOf(raw []byte) *wordForms {
	wordCache.RLock()
	w, ok := wordCache.m[string(raw)]
	wordCache.RUnlock()
	if ok {
		return w
	}
	s := string(raw)
	plain := Fold(s)
	w = &wordForms{fold: stemEnglish(plain), plain: plain, exact: NormalizeTone(s), accented: HasDiacritics(s)}
	wordCache.Lock()
	if len(wordCache.m) < maxCachedWords {
		wordCache.m[s] = w
	}
	wordCache.Unlock()
	return w
}

// addEdgeGrams adds the first 2 to maxGram letters of w, as Bleve's edge n-gram filter does.
func addEdgeGrams(f *idxField, w string) {
	n := 0
	for i := range w {
		if n >= 2 && n <= maxGram {
			f.add(w[:i])
		}
		n++
	}
	if n >= 2 && n <= maxGram {
		f.add(w)
	}
}
