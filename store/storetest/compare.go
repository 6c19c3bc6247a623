package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// assertSame fails the test when got differs from want, field by field, under the suite's equality: times equal
// at millisecond precision, nil and empty lists alike, everything else exactly.
func assertSame[T any](t *testing.T, what string, want, got *T) {
	t.Helper()
	if got == nil || want == nil {
		if got != want {
			t.Fatalf("%s: want %v, got %v", what, want, got)
		}
		return
	}
	var diffs []string
	diff("", reflect.ValueOf(*want), reflect.ValueOf(*got), &diffs)
	if len(diffs) > 0 {
		t.Errorf("%s differs:\n  %s", what, strings.Join(diffs, "\n  "))
	}
}

// diff appends a line per leaf of want and got that differs.
func diff(path string, want, got reflect.Value, diffs *[]string) {
	switch {
	case want.Type() == reflect.TypeFor[time.Time]():
		w, g := want.Interface().(time.Time), got.Interface().(time.Time)
		if !w.Truncate(time.Millisecond).Equal(g.Truncate(time.Millisecond)) {
			*diffs = append(*diffs, path+": want "+w.String()+", got "+g.String())
		}
	case want.Kind() == reflect.Pointer:
		if want.IsNil() != got.IsNil() {
			*diffs = append(*diffs, path+": want "+describe(want)+", got "+describe(got))
		} else if !want.IsNil() {
			diff(path, want.Elem(), got.Elem(), diffs)
		}
	case want.Kind() == reflect.Struct:
		for i := range want.NumField() {
			diff(path+"."+want.Type().Field(i).Name, want.Field(i), got.Field(i), diffs)
		}
	case want.Kind() == reflect.Slice:
		if want.Len() != got.Len() {
			*diffs = append(*diffs, path+": want "+describe(want)+", got "+describe(got))
			return
		}
		for i := range want.Len() {
			diff(fmt.Sprintf("%s[%d]", path, i), want.Index(i), got.Index(i), diffs)
		}
	case want.Kind() == reflect.Map && want.Len() == 0 && got.Len() == 0: // nil and empty alike
	case !reflect.DeepEqual(want.Interface(), got.Interface()):
		*diffs = append(*diffs, path+": want "+describe(want)+", got "+describe(got))
	}
}

func describe(v reflect.Value) string {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return "nil"
	}
	return fmt.Sprintf("%#v", reflect.Indirect(v).Interface())
}

// sameTime reports whether two times are equal at millisecond precision.
func sameTime(a, b time.Time) bool {
	return a.Truncate(time.Millisecond).Equal(b.Truncate(time.Millisecond))
}

// assertCode fails the test unless err carries the code.
func assertCode(t *testing.T, what string, err error, code models.Code) {
	t.Helper()
	if got := models.ErrorCode(err); err == nil || got != code {
		t.Fatalf("%s: want a %s error, got %v (code %s)", what, code, err, got)
	}
}

// must stops the test on an unexpected error.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
