#!/bin/sh
# Builds libdialtone_kea_hook.so against the installed Kea (Debian: apt-get install g++ kea-dev).
# Usage: build.sh [OUTPUT]  (default: ./libdialtone_kea_hook.so beside this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/libdialtone_kea_hook.so}
g++ -std=c++17 -O2 -fPIC -shared -Wall -I/usr/include/kea \
  -o "$out" "$here/dialtone_kea_hook.cc" \
  -lkea-dhcpsrv -lkea-dhcp++ -lkea-hooks -lkea-cc -lkea-asiolink -lkea-exceptions
