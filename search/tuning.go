package search

// textField is a folded text field and its weight; its exact and bigram fields share the weight.
type textField struct {
	name  string
	boost float64
	long  bool // long text: common words and exact diacritics are not looked up there, for speed
}

// textSpec tells the query builder which fields a document type searches.
type textSpec struct {
	fields []textField
}

func memberSpec(t tuning) textSpec {
	return textSpec{fields: []textField{
		{fieldName, t.name, false}, {fieldHeadline, t.headline, false}, {fieldSkills, t.skills, false},
		{fieldDescription, 1, true}, {fieldExtra, t.extra, true},
	}}
}

func challengeSpec(t tuning) textSpec {
	return textSpec{fields: []textField{
		{fieldTitle, t.name, false}, {fieldReqSkil, t.skills, false}, {fieldSummary, 1, true},
		{fieldDetails, t.extra, true},
	}}
}

// tuning holds the weights of the query builder. They were set by measuring nDCG@10 on the dev split of
// ../shared/eval (see relevance_test.go and tune_test.go), for kinds of query, never for single queries.
type tuning struct {
	name, headline, skills, extra float64 // field weights, relative to the description's
	fieldTie                      float64 // a word in several fields: best field + fieldTie * the others
	conceptTie                    float64 // a concept matched several ways: best way + conceptTie * the others
	coord                         float64 // exponent of the share of concepts matched
	idfPower                      float64 // how much a word's rarity counts: score ~ idf^idfPower
	subSpan                       float64 // weight of the glossary forms of a part of a longer glossary phrase
	related                       float64 // weight of the related terms of a glossary phrase
	bigram                        float64 // a word pair found in this order
	expansion                     float64 // a glossary form of a query phrase
	exact                         float64 // the word exactly as typed, diacritics included
	common                        float64 // a common word, scored but not retrieving
	agency                        float64 // factor of an agency's score: the directory is searched for solvers
	feedback                      float64 // weight of sector feedback from the best hits (0: off)
	feedbackDocs                  int     // how many of the best hits vote for sectors
	commonRatio                   float64 // words in more than this share of documents only score
	msmRatio                      float64 // share of the query's concepts a document must match
	minHits                       int     // fewer hits than this retry with typo tolerance
	shortScoring                  bool    // look up score-only words in the short fields only
}

func defaultTuning() tuning {
	return tuning{
		name:         1.5,
		headline:     2,
		skills:       2.5,
		extra:        0.8,
		fieldTie:     0.5,
		conceptTie:   1,
		coord:        0.5,
		idfPower:     2,
		subSpan:      0.6,
		related:      0.5,
		bigram:       1.5,
		expansion:    0.9,
		exact:        0.8,
		common:       0.6,
		agency:       0.8,
		feedback:     0.5,
		feedbackDocs: 5,
		commonRatio:  0.08,
		msmRatio:     0.25,
		minHits:      3,
	}
}

// isStopWord reports whether w is a function word of queries ("tìm", "cho", "find", "for"...): it scores,
// like a common word, but never retrieves. Typed with diacritics, only the exact word is one: "chợ"
// (market) is not "cho" (for).
func isStopWord(w word) bool {
	if w.accented {
		switch w.exact {
		case "và", "của", "các", "những", "là", "với", "ở", "để", "được", "có", "một", "này", "tìm", "cần",
			"muốn", "giúp", "về", "tại", "từ", "trên", "theo":
			return true
		}
		return false
	}
	switch w.fold {
	case "va", "cua", "cho", "cac", "nhung", "la", "voi", "o", "trong", "de", "duoc", "co", "mot", "nay",
		"tim", "can", "muon", "giup", "ve", "tai", "tu", "tren", "theo",
		"the", "a", "an", "of", "for", "and", "or", "in", "on", "to", "with", "by", "from", "at", "is", "are",
		"find", "need", "want", "looking", "who", "that", "which":
		return true
	}
	return false
}
