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

.PHONY: build run test test-go generate lint fmt clean fuzz

## build: the web app, then the binary with it embedded
build: web
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/innonet

## run: build, then serve with the demo data loaded into an empty store
run: build
	$(BIN) serve --addr $(ADDR) --data $(DATA) --demo

## test: every test: the web app's unit tests, the browser tests, then Go (the MongoDB adapter included,
## against the FerretDB test server)
test: web-test e2e test-go

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

## fuzz: explore each fuzz target for FUZZTIME (the seeds in testdata/fuzz replay in every go test)
FUZZTIME ?= 30s
FUZZ_TARGETS := search:FuzzSearchMembers records:FuzzReadMembersJSONL records:FuzzReadMembersCSV \
	server:FuzzAuthorizationHeader server:FuzzJSONBodies
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; fn=$${t#*:}; \
	  echo "fuzzing $$fn in ./$$pkg for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$pkg/; done

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin

# ---- web app (frontend/) ------------------------------------------------------------------------------
# Owned by the web app; `build` may depend on `web`. Idempotent: `npm ci` when package-lock.json is in sync
# with package.json, else `npm install` (which brings the lockfile back in sync).
.PHONY: web web-deps web-test generate-web

## web: build the web app into frontend/dist (index.html + assets/), embedded by the next `make build`;
## packages are installed when node_modules is missing or older than the lockfile
web: web-deps
	cd frontend && npm run build

web-deps:
	@cd frontend && { test -f node_modules/.package-lock.json && test node_modules/.package-lock.json -nt package-lock.json || \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund; }

## web-test: the web app's unit tests (Vitest), including the check that src/api/schema.d.ts is current
web-test: web-deps
	cd frontend && npm test

## generate-web: regenerate the TypeScript API types from api/openapi.yaml
generate-web: web-deps
	cd frontend && npm run generate
# ---- end of web app ------------------------------------------------------------------------------------

# ---- browser tests (frontend/e2e/) ---------------------------------------------------------------------
# Playwright (@playwright/test, with axe-core) drives Debian's Chromium against the real binary: the tests start
# bin/innonet themselves, with the demo data in a fresh temporary dir, on a free 127.0.0.1 port, and stop it.
# Playwright never downloads a browser here; Chromium comes from apt-get, only when it is missing.
.PHONY: e2e screenshots e2e-chromium e2e-fonts e2e-prepare

E2E_CHROMIUM = $(shell command -v chromium 2>/dev/null || echo /usr/bin/chromium)
E2E_SUDO    := $(if $(filter 0,$(shell id -u)),,sudo)
E2E_ENV      = PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 INNONET_E2E_CHROMIUM=$(E2E_CHROMIUM)

## e2e: the browser tests (search, the register-verify-publish-notify journey, axe-core, the home page)
e2e: e2e-prepare
	cd frontend && $(E2E_ENV) npx tsc -p e2e/tsconfig.json && $(E2E_ENV) npx playwright test

## screenshots: docs/screenshots/*.png from the demo data (1280x800, and one 390x844 phone view)
screenshots: e2e-fonts e2e-prepare
	cd frontend && $(E2E_ENV) INNONET_SCREENSHOTS=1 npx playwright test

# Chromium, node_modules and a binary with the web app embedded (`web` runs npm ci, then the Vite build).
e2e-prepare: e2e-chromium build

e2e-chromium:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { echo "installing Debian's chromium"; \
	  $(E2E_SUDO) apt-get update && $(E2E_SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# Vietnamese text in the screenshots wants Noto Sans (Chromium renders with whatever fonts are there).
e2e-fonts:
	@test -d /usr/share/fonts/truetype/noto || { echo "installing fonts-noto-core"; \
	  $(E2E_SUDO) apt-get update && $(E2E_SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-core; }
# ---- end of browser tests ------------------------------------------------------------------------------
