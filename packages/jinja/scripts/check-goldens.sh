#!/usr/bin/env bash
# Re-runs the Python Jinja2 oracle over the golden corpus in check mode: fails when any stored
# expected output differs from what Python Jinja2 (Debian's python3-jinja2) renders today.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py=/usr/bin/python3
if ! "$py" -c 'import jinja2' >/dev/null 2>&1; then
  echo "check-goldens: python3-jinja2 is missing (apt-get install -y python3-jinja2)" >&2
  exit 1
fi
exec "$py" "$here/oracle.py" --check "$here/../test/golden"
