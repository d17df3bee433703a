#!/usr/bin/env bash
# Pathways: re-evaluating every pathway and requirement for a synthetic workforce (about ten
# awards per educator), as a ratio to one plain scan of the same award rows in the same run.
#   bench/pathways.sh                # BENCH_EDUCATORS=100000 BENCH_RUNS=5 to tune
# Needs build/release with the mc_pathways_bench target; PostgreSQL through MICROCRED_TEST_PG
# (an admin URL, as ./test gives) or skipped with a note.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="${MC_PATHWAYS_BENCH:-$repo/build/release/bench/pathways/mc_pathways_bench}"
educators="${BENCH_EDUCATORS:-100000}"
runs="${BENCH_RUNS:-5}"
[ -x "$bin" ] || { echo "bench: no $bin; build the mc_pathways_bench target first" >&2; exit 1; }
work=$(mktemp -d "$repo/build/bench-pathways.XXXXXX")
pgdb=""
cleanup() {
  [ -n "$pgdb" ] && psql "$MICROCRED_TEST_PG" -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" --database "sqlite:$work/bench.db" --data-dir "$work/data" --educators "$educators" --runs "$runs"
if [ -n "${MICROCRED_TEST_PG:-}" ]; then
  pgdb="mc_bench_pathways_$$"
  psql "$MICROCRED_TEST_PG" -qc "CREATE DATABASE $pgdb" >/dev/null
  "$bin" --database "${MICROCRED_TEST_PG%/*}/$pgdb" --data-dir "$work/data-pg" --educators "$educators" --runs "$runs"
else
  echo "PostgreSQL: skipped (set MICROCRED_TEST_PG to an admin URL)"
fi
