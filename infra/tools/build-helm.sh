#!/usr/bin/env bash
# Builds the helm CLI from its Go module (through the Go module proxy) into $2 (a file path).
# helm is no Debian package; helm() and helm_resource-style extensions run it. The caller checks
# whether the output already exists (env-up.sh keys it by version under ~/.cache/slant-env).
set -euo pipefail
version="${1:?usage: build-helm.sh VERSION OUTPUT}"
out="${2:?usage: build-helm.sh VERSION OUTPUT}"
mkdir -p "$(dirname "$out")"
gobin="$(mktemp -d)"
trap 'rm -rf "$gobin"' EXIT
# `helm version` reads these; without them it reports a development build.
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$version"
ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
# go install pkg@version builds with the module's own go.mod: no module of ours to keep in sync.
CGO_ENABLED=0 GOBIN="$gobin" GOFLAGS=-buildvcs=false \
  go install -trimpath -ldflags="$ldflags" "helm.sh/helm/v3/cmd/helm@$version"
# Move into place last so an interrupted build never leaves a half binary.
mv "$gobin/helm" "$out.tmp"
mv "$out.tmp" "$out"
