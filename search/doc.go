// Package search is innonet's search engine: a Bleve v2 (scorch) index of the published members and the
// challenges, derived from the store and caught up from its change feed (Apply, Checkpoint).
//
// Vietnamese first. Every text property is indexed several ways (mapping.go): folded (no diacritics, đ -> d,
// light English stemming), as word pairs of folded words (multi-syllable words and word order), exact
// (lower case, NFC, one canonical tone placement, so "hoà" and "hòa" are one word) for short fields, and as
// edge n-grams for the names' typeahead. Folding is a token filter, not a char filter, so token offsets
// stay on the original text and highlights show the accented words. Bleve rebuilds an index's analyzers
// from the mapping stored on disk by name, so the two Go token filters are registered once in Bleve's
// process-wide registry (analysis.go's init); nothing else is package state.
//
// Queries are built in code, never parsed (query.go): words and glossary phrases (glossary.txt, a
// Vietnamese-English glossary of the domain) are concepts, a share of which a document must match; common
// words and typo neighbours only score; typed diacritics rank exact forms first; one global idf per word
// across fields (BM25F-like); agencies weigh a little less, since the directory is searched for solvers;
// the best hits' sectors re-rank the top 100 (pseudo-relevance feedback). Relevance is measured with
// Evaluate (eval.go) against the graded judgments of ../shared/eval (relevance_test.go).
package search
