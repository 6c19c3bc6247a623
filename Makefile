# innonet: make run starts the platform with demo data on http://localhost:8080; make test runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := build

GO       ?= go
BIN      := bin/innonet
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
DATA     ?= ./data
ADDR     ?= :8080
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: build run test test-go generate lint fmt clean

## build: the binary, with the web app embedded when it has been built
build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/innonet

## run: build, then serve with the demo data loaded into an empty store
run: build
	$(BIN) serve --addr $(ADDR) --data $(DATA) --demo

## test: every test (Go, including the MongoDB adapter against the FerretDB test server)
test: test-go

test-go:
	$(GO) vet ./...
	cd tools/ferrettest && $(GO) vet ./...
	tools/ferrettest/with-ferretdb.sh $(GO) test -count=1 -timeout 30m ./...

## generate: regenerate the Go server code and the TypeScript types from api/openapi.yaml
generate: generate-web
	cd api && $(GO) tool oapi-codegen -config oapi-codegen.yaml openapi.yaml

## lint: gofmt, go vet and staticcheck
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin

# ---- web app (frontend/) ------------------------------------------------------------------------------
# Owned by the web app; `build` may depend on `web`. Idempotent: `npm ci` when package-lock.json is in sync
# with package.json, else `npm install` (which brings the lockfile back in sync).
.PHONY: web web-test generate-web

## web: build the web app into frontend/dist (index.html + assets/), embedded by the next `make build`
web:
	cd frontend && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund) && npm run build

## web-test: the web app's unit tests (Vitest), including the check that src/api/schema.d.ts is current
web-test:
	cd frontend && { test -d node_modules || npm ci --no-audit --no-fund || npm install --no-audit --no-fund; } && npm test

## generate-web: regenerate the TypeScript API types from api/openapi.yaml
generate-web:
	cd frontend && { test -d node_modules || npm ci --no-audit --no-fund || npm install --no-audit --no-fund; } && npm run generate
# ---- end of web app ------------------------------------------------------------------------------------
