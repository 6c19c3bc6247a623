package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
)

// challengeContent is what addChallengeContent put on a demo challenge through the API: an answered question
// and an attached PDF.
type challengeContent struct {
	challenge, question, answer, attachment string
	pdf                                     []byte
}

// addChallengeContent signs in the demo agency and startup of a running instance with the demo data; the
// startup asks a question on an open challenge of the agency, the agency answers it and attaches a PDF.
func addChallengeContent(t *testing.T, base string) challengeContent {
	t.Helper()
	agency := login(t, base, "agency@demo.innonet.vn", demoPassword)
	startup := login(t, base, "startup@demo.innonet.vn", demoPassword)
	st, list := get(t, base+"/api/v1/challenges?posted_by=ag-0001&status=open", "")
	items, _ := list["items"].([]any)
	if st != http.StatusOK || len(items) == 0 {
		t.Fatalf("the open challenges of the demo agency: %d %v", st, list)
	}
	c := challengeContent{challenge: items[0].(map[string]any)["id"].(string), answer: "Có, qua API dữ liệu mở của Sở."}
	st, q := post(t, base+"/api/v1/challenges/"+c.challenge+"/questions",
		map[string]any{"text": "Dữ liệu camera có được chia sẻ theo thời gian thực không?"}, startup)
	if st != http.StatusCreated {
		t.Fatalf("ask a question: %d %v", st, q)
	}
	c.question = q["id"].(string)
	if st, out := put(t, base+"/api/v1/questions/"+c.question+"/answer", map[string]any{"answer": c.answer}, agency); st != http.StatusOK {
		t.Fatalf("answer the question: %d %v", st, out)
	}
	c.pdf = []byte("%PDF-1.7\n% sơ đồ nút giao Kim Mã\n" + string(bytes.Repeat([]byte("0123456789"), 30000)))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "Sơ đồ nút giao.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(c.pdf)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/challenges/"+c.challenge+"/attachments", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	st, a := do(t, req, agency)
	if st != http.StatusCreated {
		t.Fatalf("attach a PDF: %d %v", st, a)
	}
	c.attachment = a["id"].(string)
	return c
}

// checkChallengeContent checks that an instance serves the content: the answered question, publicly, and the
// attachment's bytes.
func checkChallengeContent(t *testing.T, base string, c challengeContent) {
	t.Helper()
	if err := challengeContentServed(base, c); err != nil {
		t.Error(err)
	}
}

func challengeContentServed(base string, c challengeContent) error {
	res, err := http.Get(base + "/api/v1/challenges/" + c.challenge + "/questions")
	if err != nil {
		return err
	}
	var list struct {
		Items []struct{ ID, Text, Answer string }
	}
	err = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return fmt.Errorf("the questions of %s: %d %v", c.challenge, res.StatusCode, err)
	}
	found := false
	for _, q := range list.Items {
		found = found || (q.ID == c.question && q.Answer == c.answer)
	}
	if !found {
		return fmt.Errorf("the answered question %s is not among the public questions of %s: %+v", c.question, c.challenge, list.Items)
	}
	res, err = http.Get(base + "/api/v1/challenges/" + c.challenge + "/attachments/" + c.attachment)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK || !bytes.Equal(got, c.pdf) {
		return fmt.Errorf("download attachment %s: %d, %d bytes (want the %d uploaded), %v", c.attachment, res.StatusCode, len(got), len(c.pdf), err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/pdf" {
		return fmt.Errorf("attachment %s served as %q", c.attachment, ct)
	}
	return nil
}
