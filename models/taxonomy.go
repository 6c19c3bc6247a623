package models

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed taxonomy.json
var taxonomyJSON []byte

// Sector is one of the 20 sectors of the network's taxonomy, labelled in Vietnamese and English.
type Sector struct {
	ID      string `json:"id"`
	LabelVI string `json:"label_vi"`
	LabelEN string `json:"label_en"`
}

// Taxonomy is the sector taxonomy shipped with innonet.
type Taxonomy struct {
	Version string   `json:"version"`
	Sectors []Sector `json:"sectors"`
	byID    map[string]Sector
}

// LoadTaxonomy parses the embedded taxonomy. It is data, read once in main and passed where needed.
func LoadTaxonomy() (*Taxonomy, error) {
	var t Taxonomy
	if err := json.Unmarshal(taxonomyJSON, &t); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	t.byID = make(map[string]Sector, len(t.Sectors))
	for _, s := range t.Sectors {
		t.byID[s.ID] = s
	}
	return &t, nil
}

// MustTaxonomy is LoadTaxonomy for callers that cannot go on without it (tests, main).
func MustTaxonomy() *Taxonomy {
	t, err := LoadTaxonomy()
	if err != nil {
		panic(err)
	}
	return t
}

// Sector returns the sector with the id, and whether it exists.
func (t *Taxonomy) Sector(id string) (Sector, bool) {
	s, ok := t.byID[id]
	return s, ok
}

// Valid reports whether id names a sector.
func (t *Taxonomy) Valid(id string) bool {
	_, ok := t.byID[id]
	return ok
}
