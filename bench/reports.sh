#!/usr/bin/env bash
# Report dashboards on a synthetic workforce, on SQLite and on PostgreSQL: each page's p95 as a
# ratio to one bare aggregate query over the same data, measured in the same run (README.md).
#   bench/reports.sh                 # BENCH_EDUCATORS=100000 BENCH_RUNS=40 to tune
# Needs build/release with the mc_reports_bench target; PostgreSQL through MICROCRED_TEST_PG
# (an admin URL, as ./test gives) or skipped with a note.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="${MC_REPORTS_BENCH:-$repo/build/release/bench/reports/mc_reports_bench}"
educators="${BENCH_EDUCATORS:-100000}"
runs="${BENCH_RUNS:-40}"
[ -x "$bin" ] || { echo "bench: no $bin; build the mc_reports_bench target first" >&2; exit 1; }
work=$(mktemp -d "$repo/build/bench-reports.XXXXXX")
pgdb=""
cleanup() {
  [ -n "$pgdb" ] && psql "$MICROCRED_TEST_PG" -qc "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" --database "sqlite:$work/bench.db" --data-dir "$work/data" --source-dir "$repo" --educators "$educators" --runs "$runs"
if [ -n "${MICROCRED_TEST_PG:-}" ]; then
  pgdb="mc_bench_reports_$$"
  psql "$MICROCRED_TEST_PG" -qc "CREATE DATABASE $pgdb" >/dev/null
  "$bin" --database "${MICROCRED_TEST_PG%/*}/$pgdb" --data-dir "$work/data-pg" --source-dir "$repo" --educators "$educators" --runs "$runs"
else
  echo "PostgreSQL: skipped (set MICROCRED_TEST_PG to an admin URL)"
fi
