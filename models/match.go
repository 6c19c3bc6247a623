package models

// Reason explains one part of a match, in Vietnamese and English.
type Reason struct {
	// Kind names what matched: skill, sector, phrase, kind, verified, availability, completeness.
	Kind string `json:"kind"`
	VI   string `json:"vi"`
	EN   string `json:"en"`
}

// Match is one scored, explained pairing of a challenge and a member.
type Match struct {
	ChallengeID string   `json:"challenge_id"`
	MemberID    string   `json:"member_id"`
	Score       int      `json:"score"` // 0 to 100
	Reasons     []Reason `json:"reasons"`
}

// Candidate is what the index retrieves for matching: an id, its text relevance, and the words and phrases
// of the query it matched, most telling first, for the reasons. Among a challenge's candidate solvers, the
// required skills a profile matched (directly or through a glossary equivalent) are named as the challenge
// names them.
type Candidate struct {
	ID        string
	Relevance float64
	Matched   []string
}
