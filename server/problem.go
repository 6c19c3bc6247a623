package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/models"
)

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[models.Code]int{
	models.CodeInvalid:            http.StatusBadRequest,
	models.CodeUnauthorized:       http.StatusUnauthorized,
	models.CodeForbidden:          http.StatusForbidden,
	models.CodeNotFound:           http.StatusNotFound,
	models.CodeConflict:           http.StatusConflict,
	models.CodePreconditionFailed: http.StatusPreconditionFailed,
	models.CodeRateLimited:        http.StatusTooManyRequests,
	models.CodeTooLarge:           http.StatusRequestEntityTooLarge,
	models.CodeUnavailable:        http.StatusServiceUnavailable,
	models.CodeInternal:           http.StatusInternalServerError,
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Instance  string              `json:"instance,omitempty"`
	Code      models.Code         `json:"code"`
	Errors    []models.FieldError `json:"errors,omitempty"`
	RequestID string              `json:"request_id,omitempty"`
}

// toModelError turns anything a handler or middleware returned into a models.Error.
func toModelError(err error) *models.Error {
	var me *models.Error
	var he *echo.HTTPError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &me):
		return me
	case errors.As(err, &mbe):
		return &models.Error{Code: models.CodeTooLarge, Message: "the request body is too large (limit " + strconv.FormatInt(mbe.Limit, 10) + " bytes)", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &models.Error{Code: models.CodeUnavailable, Message: "the request took too long", Err: err}
	case errors.As(err, &he):
		return httpErrorToModel(he)
	}
	var sc echo.HTTPStatusCoder
	if errors.As(err, &sc) {
		return httpErrorToModel(&echo.HTTPError{Code: sc.StatusCode(), Message: http.StatusText(sc.StatusCode())})
	}
	return &models.Error{Code: models.CodeInternal, Err: err}
}

func httpErrorToModel(he *echo.HTTPError) *models.Error {
	switch he.Code {
	case http.StatusNotFound:
		return models.Errorf(models.CodeNotFound, "no such resource")
	case http.StatusMethodNotAllowed:
		return &models.Error{Code: models.CodeInvalid, Message: "method not allowed"}
	case http.StatusRequestEntityTooLarge:
		return models.Errorf(models.CodeTooLarge, "the request body is too large")
	case http.StatusUnauthorized:
		return models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if he.Code >= 400 && he.Code < 500 {
		return &models.Error{Code: models.CodeInvalid, Message: he.Message, Err: he}
	}
	return &models.Error{Code: models.CodeInternal, Err: he}
}

// errorHandler writes every error as problem+json, logging internal ones with the request id.
func (s *Server) errorHandler(c *echo.Context, err error) {
	if r, _ := echo.UnwrapResponse(c.Response()); r != nil && r.Committed {
		return
	}
	me := toModelError(err)
	status := statusOf[me.Code]
	var sc echo.HTTPStatusCoder
	if errors.As(err, &sc) && sc.StatusCode() == http.StatusMethodNotAllowed {
		status = http.StatusMethodNotAllowed
	}
	if status == 0 {
		status = http.StatusInternalServerError
	}
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	if status >= 500 {
		s.logger.ErrorContext(c.Request().Context(), "request failed", "err", err, "request_id", rid,
			"method", c.Request().Method, "path", c.Request().URL.Path)
	}
	if me.RetryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(me.RetryAfter.Seconds())+1))
	}
	p := problem{
		Type: "urn:innonet:problem:" + string(me.Code), Title: http.StatusText(status), Status: status,
		Detail: models.ErrorMessage(me), Instance: c.Request().URL.Path, Code: me.Code, Errors: me.Fields, RequestID: rid,
	}
	if me.Code == models.CodeInternal {
		p.Detail = "an internal error occurred; quote the request id when you report it"
	}
	body, _ := json.Marshal(p)
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.Blob(status, "application/problem+json", body)
}
