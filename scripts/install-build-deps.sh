#!/usr/bin/env bash
# Installs the C libraries archdoc links against (Debian): libcmark (Markdown),
# Graphviz (SVG pictures) and mimalloc (the allocator). Idempotent; quiet when
# everything is there.
set -euo pipefail
packages=(libcmark-dev libgraphviz-dev libmimalloc-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
echo "[install-build-deps] apt: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq </dev/null
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
