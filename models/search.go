package models

// MemberQuery is a directory search. Zero values do not filter; an empty Text lists by recency.
type MemberQuery struct {
	Text     string
	Kind     string
	Sector   string
	Ward     string
	Stage    string
	Verified *bool
	Page     int // from 1
	PerPage  int // 20 by default, at most 100
	// Facets names the facets to count over all hits: "kind", "sector", "ward", "stage".
	Facets []string
}

// MemberHit is one member found, best first.
type MemberHit struct {
	ID    string
	Score float64
	// Highlights maps "name", "headline" and "description" to HTML-escaped fragments of the original text in
	// which the matched words are wrapped in <mark>…</mark>. Fields without a match are absent.
	Highlights map[string][]string
}

// MemberResults is a page of hits, the total number of hits, and the facets asked for.
type MemberResults struct {
	Hits   []MemberHit
	Total  uint64
	Facets map[string][]FacetCount
}

// ChallengeQuery is a search of the challenge board. Zero values do not filter; an empty Text lists by
// recency.
type ChallengeQuery struct {
	Text    string
	Status  string // open, closed or awarded
	Sector  string
	Ward    string
	Page    int
	PerPage int
	// Facets names the facets to count: "status", "sector", "ward".
	Facets []string
}

// ChallengeHit is one challenge found; Highlights covers "title" and "summary" (the description).
type ChallengeHit struct {
	ID         string
	Score      float64
	Highlights map[string][]string
}

// ChallengeResults is a page of challenge hits.
type ChallengeResults struct {
	Hits   []ChallengeHit
	Total  uint64
	Facets map[string][]FacetCount
}

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Suggestion is one typeahead proposal.
type Suggestion struct {
	Kind  string `json:"kind"`            // member, skill or sector
	Text  string `json:"text"`            // as written: the member's name, the skill, the sector's label
	ID    string `json:"id,omitempty"`    // the member's or the sector's id
	Count int    `json:"count,omitempty"` // members with the skill
}
