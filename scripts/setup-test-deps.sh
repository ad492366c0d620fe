#!/usr/bin/env bash
# Installs the system tools the tests drive (real peers, oracles). Idempotent and quick
# when everything is present; fails loudly when something cannot be had.
# Each package lists what it needs in scripts/test-deps/<name>.txt: "<check> <debian-package>",
# where <check> is a command looked up on PATH or a shell test written in [brackets].
set -euo pipefail
cd "$(dirname "$0")"
need=()
while IFS= read -r line; do
  line="${line%%#*}"
  [[ -z "${line// }" ]] && continue
  pkg="${line##* }"
  check="${line% *}"
  if [[ "$check" == \[*\] ]]; then
    bash -c "${check:1:${#check}-2}" >/dev/null 2>&1 || need+=("$pkg")
  else
    command -v "$check" >/dev/null 2>&1 || need+=("$pkg")
  fi
done < <(cat test-deps/*.txt)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
echo "setup-test-deps: installing ${need[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "setup-test-deps: need root to apt-get install ${need[*]}; install them and re-run" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
