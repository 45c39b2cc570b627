#!/usr/bin/env bash
# Builds the Docker Compose v2+ CLI (module github.com/docker/compose/v5) from the Go module proxy
# into $2 (a file path). Debian 12 only packages Compose v1; docker_compose() needs `docker compose`.
# `go install pkg@version` refuses this module (its go.mod has exclude directives), so the module's
# source is taken from the module cache and built as the main module, which honours them.
set -euo pipefail
version="${1:?usage: build-compose.sh VERSION OUTPUT}"
out="${2:?usage: build-compose.sh VERSION OUTPUT}"
module=github.com/docker/compose/v5
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$(GOFLAGS=-mod=mod go mod download -json "$module@$version" | jq -r .Dir)"
[[ -d $dir ]] || { echo "module $module@$version not downloaded" >&2; exit 1; }
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
# `docker compose version` prints this.
ldflags="-s -w -X $module/internal.Version=$version"
(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags="$ldflags" \
  -o "$work/docker-compose" ./cmd)
# Move into place last so an interrupted build never leaves a half binary.
mv "$work/docker-compose" "$out.tmp"
mv "$out.tmp" "$out"
