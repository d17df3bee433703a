#!/usr/bin/env bash
# Times the independent verifier (node, digitalbazaar libraries) against our offline
# verifier on the same N copies of one signed credential, in the same run, and prints
# ratios. Per-file cost is taken from the difference between N files and 1 file, so that
# node's start-up (loading jsonld.js and friends) is reported apart.
#
#   bench/credentials/compare_node.sh [CREDENTIAL.json] [N]
# Env: BUILD (default build), WORK (default /tmp/mc-interop-bench: a writable copy of
# ../shared/tools/interop with ../../conformance beside it, set up with npm ci once).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
credential=${1:-$here/tests/credentials/data/proof/ob3_signed.json}
n=${2:-200}
build=${BUILD:-$here/build}
work=${WORK:-/tmp/mc-interop-bench}
cli=$build/bench/credentials/mc_verify_cli
[ -x "$cli" ] || { echo "build mc_verify_cli first: cmake --build $build --target mc_verify_cli" >&2; exit 2; }

# The interop tool resolves contexts from ../../conformance relative to itself.
if [ ! -d "$work/tools/interop/node_modules" ]; then
  mkdir -p "$work/tools"
  rm -rf "$work/tools/interop"
  cp -r "$here/../shared/tools/interop" "$work/tools/interop"
  ln -sfn "$(cd "$here/../shared/conformance" && pwd)" "$work/conformance"
  (cd "$work/tools/interop" && npm ci --no-audit --no-fund >/dev/null)
fi

files=$(mktemp -d)
trap 'rm -rf "$files"' EXIT
for i in $(seq 1 "$n"); do cp "$credential" "$files/c$i.json"; done

# Wall seconds of a command, which must succeed and report every file verified.
seconds() {
  local start end out
  start=$(date +%s.%N)
  out=$("$@" 2>&1) || { echo "failed: $*" >&2; echo "$out" | tail -5 >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$out" > "$files/last.out"
  echo "$end - $start" | bc -l
}
count_ok() { grep -Ec "$1" "$files/last.out" || true; }

node_1=$(seconds node "$work/tools/interop/verify.mjs" "$files/c1.json")
node_n=$(seconds node "$work/tools/interop/verify.mjs" "$files"/c*.json)
node_ok=$(count_ok 'verified=true')
ours_1=$(seconds "$cli" "$files/c1.json")
ours_n=$(seconds "$cli" "$files"/c*.json)
ours_ok=$(count_ok ': VALID$')

per() { echo "($2 - $1) / ($n - 1) * 1000" | bc -l; }
node_per=$(per "$node_1" "$node_n")
ours_per=$(per "$ours_1" "$ours_n")
printf 'files: %d copies of %s (%d bytes)\n' "$n" "$(basename "$credential")" "$(wc -c < "$credential")"
printf 'node interop: 1 file %.3f s, %d files %.3f s, %.3f ms/file, verified %d/%d\n' "$node_1" "$n" "$node_n" "$node_per" "$node_ok" "$n"
printf 'ours (CLI):   1 file %.3f s, %d files %.3f s, %.3f ms/file, valid %d/%d\n' "$ours_1" "$n" "$ours_n" "$ours_per" "$ours_ok" "$n"
printf 'ratio node/ours: whole run %.1fx, per file %.1fx, start-up %.1fx\n' \
  "$(echo "$node_n / $ours_n" | bc -l)" "$(echo "$node_per / $ours_per" | bc -l)" "$(echo "$node_1 / $ours_1" | bc -l)"
