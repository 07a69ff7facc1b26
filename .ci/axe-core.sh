#!/usr/bin/env bash
# Prints the path of axe-core's axe.min.js for the accessibility browser test, fetching the pinned release from the
# npm registry into a cache the first time (tests only: the product never ships or serves axe).
set -euo pipefail

version=4.14.1
sha1=14d8a6f3f085afd126b8b5ca1e42e50e17fb1d99 # the registry's dist.shasum of axe-core-$version.tgz
cache="${HERALD_AXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/herald/axe-core-$version}"
script="$cache/package/axe.min.js"

if [ ! -f "$script" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack --silent "axe-core@$version" >/dev/null)
  echo "$sha1  $cache/axe-core-$version.tgz" | sha1sum -c --quiet - >&2
  tar -xzf "$cache/axe-core-$version.tgz" -C "$cache" package/axe.min.js
fi
echo "$script"
