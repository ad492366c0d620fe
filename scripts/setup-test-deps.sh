#!/usr/bin/env bash
# Installs the system tools the tests drive (real peers, oracles). Idempotent and quick
# when everything is present; fails loudly when something cannot be had.
set -euo pipefail
need=()
command -v tftp >/dev/null 2>&1 || need+=(tftp-hpa)
command -v atftp >/dev/null 2>&1 || need+=(atftp)
command -v curl >/dev/null 2>&1 || need+=(curl)
# the Jinja2 oracle is Debian's (/usr/bin/python3): another python3 on PATH with its own jinja2 does not count
/usr/bin/python3 -c 'import jinja2' >/dev/null 2>&1 || need+=(python3-jinja2)
command -v bzip2 >/dev/null 2>&1 || need+=(bzip2)
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then need+=(postgresql); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "setup-test-deps: installing ${need[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "setup-test-deps: need root to apt-get install ${need[*]}; install them and re-run" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
