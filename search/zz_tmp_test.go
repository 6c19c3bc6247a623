package search

import (
	"os"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestZZHold(t *testing.T) {
	dir := os.Getenv("EXP_HOLD")
	if dir == "" {
		t.Skip()
	}
	ix, err := Open(dir, models.MustTaxonomy(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Second)
	ix.Close()
}
