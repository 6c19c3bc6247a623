package app

import (
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// maxPhrases bounds the related terms a match lists.
const maxPhrases = 5

// kindNames names a kind of member in Vietnamese and English.
func kindNames(k models.Kind) (vi, en string) {
	switch k {
	case models.KindStartup:
		return "khởi nghiệp", "startup"
	case models.KindExpert:
		return "chuyên gia", "expert"
	case models.KindInnovationCenter:
		return "trung tâm đổi mới sáng tạo", "innovation center"
	}
	return "cơ quan", "agency"
}

// availableVI names in Vietnamese what an expert is available for.
func availableVI(a string) string {
	switch a {
	case "mentoring":
		return "cố vấn"
	case "consulting":
		return "tư vấn"
	case "research":
		return "nghiên cứu"
	case "training":
		return "đào tạo"
	case "judging":
		return "giám khảo"
	}
	return a
}

// reasons explains a match in both languages: the skills, sectors and terms it shares, the kind of solver,
// verification and availability. Every match has at least one reason.
func (sc Scorer) reasons(c *models.Challenge, m *models.Member, cand models.Candidate, skills []skillMatch, sectors []string) []models.Reason {
	var out []models.Reason
	said := make([]string, 0, 2*len(skills))
	if len(skills) > 0 {
		names := make([]string, 0, len(skills))
		for _, s := range skills {
			name := s.as
			if sc.normPhrase(s.as) != sc.normPhrase(s.required) {
				name += " (" + s.required + ")"
			}
			names = append(names, name)
			said = append(said, sc.normPhrase(s.as), sc.normPhrase(s.required))
		}
		list := strings.Join(names, ", ")
		out = append(out, models.Reason{Kind: "skill", VI: "kỹ năng khớp: " + list, EN: "matching skills: " + list})
	}
	if len(sectors) > 0 {
		var vi, en []string
		for _, id := range sectors {
			if s, ok := sc.Taxonomy.Sector(id); ok {
				vi, en = append(vi, strings.ToLower(s.LabelVI)), append(en, strings.ToLower(s.LabelEN))
			}
		}
		if len(vi) > 0 {
			out = append(out, models.Reason{Kind: "sector", VI: "lĩnh vực: " + strings.Join(vi, ", "), EN: "sectors: " + strings.Join(en, ", ")})
		}
	}
	if phrases := distinctPhrases(cand.Matched, said, maxPhrases, sc.normPhrase); len(phrases) > 0 {
		list := strings.Join(phrases, ", ")
		out = append(out, models.Reason{Kind: "phrase", VI: "nội dung liên quan: " + list, EN: "related terms: " + list})
	}
	out = append(out, kindReasons(c, m)...)
	if len(out) == 0 {
		out = append(out, models.Reason{Kind: "phrase", VI: "hồ sơ có nội dung tương đồng", EN: "the profile's text is similar"})
	}
	return out
}

// kindReasons says whether the member is a kind of solver the challenge asks for, verified, available.
func kindReasons(c *models.Challenge, m *models.Member) []models.Reason {
	var out []models.Reason
	vi, en := kindNames(m.Kind)
	switch {
	case len(c.PreferredKinds) == 0:
	case preferred(c, m.Kind):
		out = append(out, models.Reason{Kind: "kind",
			VI: "đúng loại đơn vị bài toán cần (" + vi + ")", EN: "the kind of solver the challenge asks for (" + en + ")"})
	default:
		out = append(out, models.Reason{Kind: "kind",
			VI: "bài toán ưu tiên loại đơn vị khác, không phải " + vi, EN: "the challenge prefers other kinds of solver than " + en})
	}
	if m.Kind.IsOrganisation() && m.Verified() {
		out = append(out, models.Reason{Kind: "verified", VI: "đã được xác minh", EN: "verified"})
	}
	if m.Kind == models.KindExpert && len(m.AvailableFor) > 0 {
		avail := make([]string, 0, len(m.AvailableFor))
		for _, a := range m.AvailableFor {
			avail = append(avail, availableVI(a))
		}
		out = append(out, models.Reason{Kind: "availability",
			VI: "sẵn sàng: " + strings.Join(avail, ", "), EN: "available for: " + strings.Join(m.AvailableFor, ", ")})
	}
	return out
}

// distinctPhrases keeps up to n matched terms that no earlier reason already says; norm folds a phrase.
func distinctPhrases(matched, said []string, n int, norm func(string) string) []string {
	var out []string
	for _, p := range matched {
		f := norm(p)
		if f == "" || len(out) == n {
			continue
		}
		dup := false
		for _, s := range said {
			if containsPhrase(s, f) {
				dup = true
				break
			}
		}
		if !dup {
			said = append(said, f)
			out = append(out, p)
		}
	}
	return out
}
