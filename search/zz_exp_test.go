package search

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestExpIndex(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("EXP_N"))
	if n == 0 {
		t.Skip()
	}
	batch, _ := strconv.Atoi(os.Getenv("EXP_BATCH"))
	ms, _, _ := benchInput(t, n)
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	start := time.Now()
	for i := 0; i < len(ms); i += batch {
		if err := ix.Apply(context.Background(), memberChanges(ms[i:min(i+batch, len(ms))], int64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	d := time.Since(start)
	st := ix.bi.StatsMap()
	b, _ := json.Marshal(st["index"].(map[string]interface{}))
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"TotAnalysisTime", "TotIndexTime", "TotBatchIntroTime", "TotFileMergeZapTime", "TotMemMergeZapTime", "TotPersistedItems", "TotFileMergePlanTasks", "TotMemMergeSegments", "TotFileMergeSegments", "TotPersisterSlowMergerPause"} {
		t.Logf("%s %v", k, m[k])
	}
	t.Logf("%d docs batch %d: %.0f/s", n, batch, float64(n)/d.Seconds())
	_ = models.KindAgency
}
