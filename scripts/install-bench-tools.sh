#!/usr/bin/env bash
# Installs what `make bench` needs beyond scripts/install-tools.sh (run as root, or with sudo):
#   apt: hyperfine (whole-process timings), time (/usr/bin/time -v for peak RSS),
#        wrk and curl (archdoc serve under load, and its event stream),
#        valgrind and binutils (instruction counts with callgrind, on a copy stripped of debug info)
#   pip: c4-diagrams==0.7.1 (the peer)
# Idempotent. Environment: PYTHON (default python3).
set -euo pipefail
PYTHON="${PYTHON:-python3}"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1
SUDO=()
[ "$(id -u)" -ne 0 ] && SUDO=(sudo -n)

missing=()
for p in hyperfine time wrk curl valgrind binutils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[install-bench-tools] apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq </dev/null
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null \
    || echo "[install-bench-tools] warning: apt could not install ${missing[*]}; the bench falls back to its own timing loop"
fi
if ! "$PYTHON" -c 'import c4, sys; sys.exit(c4.__version__ != "0.7.1")' 2>/dev/null; then
  echo "[install-bench-tools] pip: installing c4-diagrams==0.7.1"
  "$PYTHON" -m pip install -q c4-diagrams==0.7.1 \
    || echo "[install-bench-tools] warning: c4-diagrams could not be installed; the bench reports the peer as skipped"
fi
