# innonet: multi-stage build. Mirrors the Makefile: build the web app, build the Go binary with it embedded,
# run it as a non-root user in a small image. (No Docker engine runs on the development machines, so this file
# is exercised where Docker is available: deploy/compose.yaml builds it.)

# 1. The web app. The lockfile goes in first, so that a change to the sources reuses the installed packages.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# 2. The binary: static (the SQLite driver is pure Go), with the web app embedded.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/innonet ./cmd/innonet \
 && mkdir -p /out/data

# 3. The runtime image: distroless (no shell, no package manager), uid 65532, the data dir owned by it.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/innonet /usr/local/bin/innonet
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV INNONET_DATA=/data INNONET_ADDR=:8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["/usr/local/bin/innonet", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/innonet"]
CMD ["serve"]
