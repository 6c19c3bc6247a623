package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func TestRendererAccountEmails(t *testing.T) {
	r := newTestRenderer(t)
	expires := time.Date(2026, 12, 1, 3, 4, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang    string
		kind    models.TokenKind
		subject string
		path    string
		wants   []string
	}{
		{"vi", models.TokenVerifyEmail, "Xác nhận email của bạn trên InnoNet Hà Nội", "/verify-email", []string{"Xác nhận email"}},
		{"en", models.TokenVerifyEmail, "Confirm your email on InnoNet Hà Nội", "/verify-email", []string{"Confirm my email"}},
		{"vi", models.TokenResetPassword, "Đặt lại mật khẩu trên InnoNet Hà Nội", "/reset-password", []string{"mật khẩu của bạn không thay đổi"}},
		{"en", models.TokenResetPassword, "Reset your password on InnoNet Hà Nội", "/reset-password", []string{"your password stays as it is"}},
		{"vi", models.TokenClaimProfile, "Nhận hồ sơ “Công ty <Xanh> & Co” trên InnoNet Hà Nội", "/claim", []string{"Quản trị viên mời"}},
		{"en", models.TokenClaimProfile, "Claim the profile “Công ty <Xanh> & Co” on InnoNet Hà Nội", "/claim", []string{"Quản trị viên invites"}},
		{"vi", models.TokenStaffInvite, "Quản trị viên mời bạn tham gia “Công ty <Xanh> & Co” trên InnoNet Hà Nội", "/accept-invite", []string{"thành viên"}},
		{"en", models.TokenStaffInvite, "Quản trị viên invites you to join “Công ty <Xanh> & Co” on InnoNet Hà Nội", "/accept-invite", []string{"a member of its staff"}},
	} {
		t.Run(tc.lang+"/"+string(tc.kind), func(t *testing.T) {
			got, err := r.Account(tc.lang, testRecipient, Letter{Kind: tc.kind, Secret: "s3cr+t/x", ExpiresAt: expires,
				MemberName: "Công ty <Xanh> & Co", InvitedBy: "Quản trị viên", Role: models.StaffMember})
			if err != nil {
				t.Fatal(err)
			}
			if got.Subject != tc.subject {
				t.Errorf("subject %q, want %q", got.Subject, tc.subject)
			}
			link := "https://innonet.test" + tc.path + "?token=s3cr%2Bt%2Fx"
			contains(t, "account email", []string{got.Text}, link, "10:04 01/12/2026")
			contains(t, "account email", []string{got.Text + got.HTML}, tc.wants...)
			contains(t, "account email", []string{got.HTML}, "10:04 01/12/2026", strings.ReplaceAll(link, "&", "&amp;"))
			if got.Unsubscribe != "" || strings.Contains(got.Text, "unsubscribe") {
				t.Error("an account email must not carry an unsubscribe link")
			}
			if tc.kind == models.TokenClaimProfile && (strings.Contains(got.HTML, "<Xanh>") || !strings.Contains(got.HTML, "&lt;Xanh&gt;")) {
				t.Error("the HTML must escape the member name")
			}
		})
	}
	if _, err := r.Account("vi", testRecipient, Letter{Kind: "nope"}); err == nil {
		t.Error("an unknown kind must be refused")
	}
}
