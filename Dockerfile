# innonet: multi-stage build. Mirrors the Makefile: build the web app, build the Go binary with it embedded,
# run it as a non-root user in a small image. (No Docker engine runs on the development machines, so this file
# is kept plain and is exercised where Docker is available.)

# 1. The web app.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci && npm run build; else echo "no web app yet: the placeholder page is served"; fi

# 2. The binary.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/innonet ./cmd/innonet

# 3. The runtime image.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/innonet /usr/local/bin/innonet
USER nonroot:nonroot
ENV INNONET_DATA=/data INNONET_ADDR=:8080
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["/usr/local/bin/innonet", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/innonet"]
CMD ["serve"]
