#!/usr/bin/env bash
# Issue 9's stability check: the whole test suite N times in a row (default 5)
# while a CPU hog runs beside it. Stops at the first failing run; the logs are
# in $TMPDIR/suite-beside-hog-<i>.log. Usage: npm run test:beside-hog [-- N]
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
node -e 'for(;;){}' & hog=$!
trap 'kill $hog 2>/dev/null' EXIT
for i in $(seq 1 "$runs"); do
  log="${TMPDIR:-/tmp}/suite-beside-hog-$i.log"
  started=$(date +%s)
  CI=true npx tap --disable-coverage > "$log" 2>&1
  rc=$?
  echo "run $i/$runs: exit $rc in $(( $(date +%s) - started )) s $(grep '^# {' "$log")"
  [ "$rc" -eq 0 ] || { echo "failed: see $log"; exit 1; }
done
echo "$runs runs in a row passed beside a CPU hog"
