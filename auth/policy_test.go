package auth

import (
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name   string
		pw     string
		detail string // empty when the password is fine
	}{
		{"ten characters", "abcdefghij", ""},
		{"a passphrase with spaces", "correct horse battery staple", ""},
		{"Vietnamese", "mật khẩu của tôi", ""},
		{"digits only", "0123456789", ""},
		{"emoji", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🚪", ""},
		{"128 characters", strings.Repeat("ab", 64), ""},
		{"128 multibyte characters", strings.Repeat("ậb", 64), ""},
		{"empty", "", "must have at least 10 characters"},
		{"nine characters", "abcdefghi", "must have at least 10 characters"},
		{"nine multibyte characters counted as characters", "ậậậậậbbbb", "must have at least 10 characters"},
		{"short once decomposed marks are composed", "a\u0323\u0302a\u0323\u0302a\u0323\u0302a\u0323\u0302bb", "must have at least 10 characters"},
		{"129 characters", strings.Repeat("ab", 64) + "c", "must have at most 128 characters"},
		{"one character repeated", "aaaaaaaaaaaa", "must not be a single character repeated"},
		{"one space repeated", strings.Repeat(" ", 12), "must not be a single character repeated"},
		{"one multibyte character repeated", strings.Repeat("ậ", 12), "must not be a single character repeated"},
		{"invalid UTF-8", "abcdefghij\xff", "contains characters that are not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.pw)
			if tt.detail == "" {
				if err != nil {
					t.Errorf("CheckPassword: %v", err)
				}
				return
			}
			if models.ErrorCode(err) != models.CodeInvalid {
				t.Fatalf("CheckPassword error = %v, want invalid", err)
			}
			want := []models.FieldError{{Pointer: "/password", Detail: tt.detail}}
			if got := models.ErrorFields(err); len(got) != 1 || got[0] != want[0] {
				t.Errorf("fields = %v, want %v", got, want)
			}
		})
	}
}
