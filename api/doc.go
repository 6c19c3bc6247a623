// Package api holds the HTTP contract of innonet (openapi.yaml) and the Go server interfaces and types
// generated from it by oapi-codegen (`make generate`). Edit openapi.yaml, never api.gen.go.
package api

import _ "embed"

// Spec is the OpenAPI contract, served at /api/v1/openapi.yaml and used to validate requests.
//
//go:embed openapi.yaml
var Spec []byte

//go:generate go tool oapi-codegen -config oapi-codegen.yaml openapi.yaml
