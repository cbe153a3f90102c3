#!/usr/bin/env bash
# `make install` / `make uninstall`: puts a built archdoc under a prefix.
#
#   scripts/install.sh <prefix> <swiftpm-bin-folder>   installs
#   scripts/install.sh --uninstall <prefix>            removes what install put there
#
# Layout (what archdoc looks for, relative to its own binary):
#   <prefix>/bin/archdoc
#   <prefix>/lib/archdoc/libArchitectureDescription.so
#   <prefix>/lib/archdoc/Modules/ArchitectureDescription.swift{module,doc,sourceinfo}
#   <prefix>/share/archdoc/Templates/             the default templates
set -euo pipefail

say() { echo "[install] $*"; }

if [ "${1:-}" = "--uninstall" ]; then
  prefix=${2:?usage: install.sh --uninstall <prefix>}
  for path in "$prefix/bin/archdoc" "$prefix/lib/archdoc" "$prefix/share/archdoc"; do
    if [ -e "$path" ]; then rm -rf -- "$path"; say "removed $path"; fi
  done
  exit 0
fi

prefix=${1:?usage: install.sh <prefix> <swiftpm-bin-folder>}
bin=${2:?usage: install.sh <prefix> <swiftpm-bin-folder>}
for file in archdoc libArchitectureDescription.so Modules/ArchitectureDescription.swiftmodule archdoc_ArchdocTemplates.resources/Templates; do
  [ -e "$bin/$file" ] || { echo "install.sh: $bin/$file is missing: build first (make install builds it)" >&2; exit 1; }
done

install -d "$prefix/bin" "$prefix/lib/archdoc/Modules" "$prefix/share/archdoc"
# Each file is copied beside its destination and then renamed, so an archdoc
# that is running (serve, watch) never sees a half-written binary or library.
put() {
  local source=$1 destination=$2 mode=$3
  install -m "$mode" "$source" "$destination.installing"
  mv -f "$destination.installing" "$destination"
}
put "$bin/archdoc" "$prefix/bin/archdoc" 755
put "$bin/libArchitectureDescription.so" "$prefix/lib/archdoc/libArchitectureDescription.so" 644
for extension in swiftmodule swiftdoc swiftsourceinfo abi.json; do
  source="$bin/Modules/ArchitectureDescription.$extension"
  if [ -e "$source" ]; then put "$source" "$prefix/lib/archdoc/Modules/ArchitectureDescription.$extension" 644; fi
done
rm -rf "$prefix/share/archdoc/Templates.installing"
cp -R "$bin/archdoc_ArchdocTemplates.resources/Templates" "$prefix/share/archdoc/Templates.installing"
rm -rf "$prefix/share/archdoc/Templates"
mv "$prefix/share/archdoc/Templates.installing" "$prefix/share/archdoc/Templates"
say "archdoc $("$prefix/bin/archdoc" --version | head -n1) installed in $prefix"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) say "add $prefix/bin to your PATH" ;;
esac
