package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/models"
)

// contract validates requests against the OpenAPI document before any handler runs.
type contract struct {
	router routers.Router
}

func newContract(spec []byte) (*contract, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("loading the contract: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the contract is not valid: %w", err)
	}
	doc.Servers = nil
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("routing the contract: %w", err)
	}
	return &contract{router: r}, nil
}

// middleware refuses requests that break the contract with a problem naming each field at fault. Requests
// for paths outside the contract (the web app, the contract itself) pass through.
func (ct *contract) middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		req := c.Request()
		route, params, err := ct.router.FindRoute(req)
		switch {
		case errors.Is(err, routers.ErrMethodNotAllowed):
			return echo.NewHTTPError(http.StatusMethodNotAllowed, "method not allowed")
		case err != nil:
			return next(c)
		}
		if needsSignIn(route) && principalFrom(req.Context()) == nil {
			return models.Errorf(models.CodeUnauthorized, "sign in first")
		}
		in := &openapi3filter.RequestValidationInput{
			Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		}
		if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return mbe
			}
			return models.Invalid(fieldErrors(err)...)
		}
		return next(c)
	}
}

// needsSignIn reports whether the route's operation requires a bearer token: it names security requirements
// and none of them is empty ({} marks a token as optional). The use cases check again; this refuses a visitor
// before anything reads the request, and with 401 rather than a complaint about the body.
func needsSignIn(route *routers.Route) bool {
	reqs := route.Operation.Security
	if reqs == nil {
		reqs = &route.Spec.Security
	}
	if len(*reqs) == 0 {
		return false
	}
	for _, r := range *reqs {
		if len(r) == 0 {
			return false
		}
	}
	return true
}

var (
	unsupportedProperty = regexp.MustCompile(`property "([^"]+)" is unsupported`)
	missingProperty     = regexp.MustCompile(`property "([^"]+)" is missing`)
)

// fieldErrors flattens kin-openapi's errors into JSON pointers and plain sentences, without echoing schemas.
func fieldErrors(err error) []models.FieldError {
	var out []models.FieldError
	var walk func(error)
	walk = func(err error) {
		var schemaErr *openapi3.SchemaError
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, inner := range e {
				walk(inner)
			}
		case *openapi3filter.RequestError:
			switch {
			case e.Parameter != nil:
				detail := e.Reason
				if errors.As(e.Err, &schemaErr) {
					detail = schemaDetail(schemaErr)
				}
				if detail == "" {
					detail = "is not valid"
				}
				out = append(out, models.FieldError{Pointer: e.Parameter.Name, Detail: detail})
			case errors.As(e.Err, &schemaErr):
				walk(e.Err)
			default:
				out = append(out, models.FieldError{Pointer: "/", Detail: "the request body " + bodyDetail(e)})
			}
		case *openapi3.SchemaError:
			out = append(out, schemaField(e))
		default:
			if errors.As(err, &schemaErr) {
				out = append(out, schemaField(schemaErr))
			} else {
				out = append(out, models.FieldError{Pointer: "/", Detail: "the request is not valid"})
			}
		}
	}
	walk(err)
	return dedupe(out)
}

func bodyDetail(e *openapi3filter.RequestError) string {
	msg := e.Error()
	switch {
	case strings.Contains(msg, "value is required"):
		return "is required"
	case strings.Contains(msg, "Content-Type") || strings.Contains(msg, "content type"):
		return "must be application/json"
	case strings.Contains(msg, "decod") || strings.Contains(msg, "JSON") || strings.Contains(msg, "unexpected"):
		return "is not valid JSON"
	}
	return "is not valid"
}

func schemaField(e *openapi3.SchemaError) models.FieldError {
	ptr := "/" + strings.Join(e.JSONPointer(), "/")
	if m := unsupportedProperty.FindStringSubmatch(e.Reason); m != nil {
		return models.FieldError{Pointer: strings.TrimSuffix(ptr, "/") + "/" + m[1], Detail: "is not a known field"}
	}
	if m := missingProperty.FindStringSubmatch(e.Reason); m != nil && !strings.HasSuffix(ptr, "/"+m[1]) {
		return models.FieldError{Pointer: strings.TrimSuffix(ptr, "/") + "/" + m[1], Detail: "is required"}
	}
	if e.SchemaField == "required" {
		return models.FieldError{Pointer: ptr, Detail: "is required"}
	}
	return models.FieldError{Pointer: ptr, Detail: schemaDetail(e)}
}

func schemaDetail(e *openapi3.SchemaError) string {
	switch e.SchemaField {
	case "type":
		return "must be of type " + strings.Join(e.Schema.Type.Slice(), " or ")
	case "enum":
		vals := make([]string, 0, len(e.Schema.Enum))
		for _, v := range e.Schema.Enum {
			vals = append(vals, fmt.Sprint(v))
		}
		return "must be one of " + strings.Join(vals, ", ")
	case "maximum":
		return fmt.Sprintf("must be at most %v", *e.Schema.Max)
	case "minimum":
		return fmt.Sprintf("must be at least %v", *e.Schema.Min)
	case "maxLength":
		return fmt.Sprintf("must have at most %d characters", *e.Schema.MaxLength)
	case "minLength":
		return fmt.Sprintf("must have at least %d characters", e.Schema.MinLength)
	case "maxItems":
		return fmt.Sprintf("must have at most %d items", *e.Schema.MaxItems)
	case "required":
		return "is required"
	case "minProperties":
		return "must name at least one field to change"
	}
	return e.Reason
}

func dedupe(fs []models.FieldError) []models.FieldError {
	seen := map[models.FieldError]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}
