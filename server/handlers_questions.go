package server

import (
	"context"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

// questionOut renders a question; the asker is never named, only flagged to the asker.
func questionOut(q *models.Question, p *models.Principal) api.Question {
	return api.Question{Id: q.ID, ChallengeId: q.ChallengeID, Text: q.Text, Answer: optString(q.Answer),
		Answered: q.Answered(), AskedByMe: p.SignedIn() && q.AskerAccountID == p.AccountID, CreatedAt: q.CreatedAt,
		AnsweredAt: q.AnsweredAt, Version: q.Version}
}

func (h handlers) ListQuestions(ctx context.Context, req api.ListQuestionsRequestObject) (api.ListQuestionsResponseObject, error) {
	p, page := principalFrom(ctx), pageOf(req.Params.Page, req.Params.PerPage)
	qs, total, err := h.app.Questions(ctx, p, req.Id, page)
	if err != nil {
		return nil, err
	}
	items := make([]api.Question, len(qs))
	for i, q := range qs {
		items[i] = questionOut(q, p)
	}
	return api.ListQuestions200JSONResponse{Items: items, Total: total, Page: page.Page, PerPage: page.PerPage}, nil
}

func (h handlers) AskQuestion(ctx context.Context, req api.AskQuestionRequestObject) (api.AskQuestionResponseObject, error) {
	p := principalFrom(ctx)
	q, err := h.app.AskQuestion(ctx, p, req.Id, req.Body.Text)
	if err != nil {
		return nil, err
	}
	return api.AskQuestion201JSONResponse(questionOut(q, p)), nil
}

func (h handlers) AnswerQuestion(ctx context.Context, req api.AnswerQuestionRequestObject) (api.AnswerQuestionResponseObject, error) {
	p := principalFrom(ctx)
	q, err := h.app.AnswerQuestion(ctx, p, req.Id, req.Body.Answer)
	if err != nil {
		return nil, err
	}
	return api.AnswerQuestion200JSONResponse(questionOut(q, p)), nil
}
