#!/usr/bin/env bash
# with-ferretdb.sh CMD [ARGS...]: builds tools/ferrettest, starts FerretDB v1 (SQLite-backed) on a temporary
# directory, runs CMD with INNONET_FERRETDB_URI set to the server's URI, stops the server and exits with
# CMD's status. For make test and .ci/run, from the repository root:
#
#   tools/ferrettest/with-ferretdb.sh go test ./...
#
# The MongoDB adapter's tests also start FerretDB by themselves when neither MONGODB_URI nor
# INNONET_FERRETDB_URI is set; this script just shares one server across the run and shows the build step.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin_dir="${XDG_CACHE_HOME:-$HOME/.cache}/innonet/ferrettest"
mkdir -p "$bin_dir"
(cd "$here" && GOWORK=off go build -o "$bin_dir/ferrettest" .)

data="$(mktemp -d)"
out="$data.uri"
"$bin_dir/ferrettest" --dir "$data/" >"$out" &
pid=$!
cleanup() {
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -rf "$data" "$out"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
	[ -s "$out" ] && break
	kill -0 "$pid" 2>/dev/null || { echo "with-ferretdb: ferrettest exited early" >&2; exit 1; }
	sleep 0.1
done
uri="$(head -n 1 "$out")"
[ -n "$uri" ] || { echo "with-ferretdb: ferrettest printed no URI within 30 s" >&2; exit 1; }

export INNONET_FERRETDB_URI="$uri"
set +e
"$@"
status=$?
set -e
exit "$status"
