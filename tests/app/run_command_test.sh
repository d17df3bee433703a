#!/usr/bin/env bash
# ./run's command line: what serve_command (scripts/lib.sh) builds from the arguments given to
# ./run, and that the server binary accepts it. Run by ctest: run_command_test.sh BIN SOURCE_DIR.
set -uo pipefail
bin=$1
repo=$2
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
expect_argv() { # expect_argv WANT...: compares serve_argv with the words given
  local want="$*" got="${serve_argv[*]}"
  [ "$got" = "$want" ] || fail "serve_argv is '$got', want '$want'"
}

unset MICROCRED_PORT
# shellcheck source=../../scripts/lib.sh
source "$repo/scripts/lib.sh" || { echo "FAIL: cannot source scripts/lib.sh"; exit 1; }

serve_command
expect_argv serve --demo --port 8080
[ "$serve_port" = 8080 ] || fail "default port is '$serve_port'"

serve_command --port 9000
expect_argv serve --demo --port 9000
[ "$serve_port" = 9000 ] || fail "--port 9000 gives port '$serve_port'"

serve_command --port=9001 --threads 2
expect_argv serve --demo --port=9001 --threads 2
[ "$serve_port" = 9001 ] || fail "--port=9001 gives port '$serve_port'"

MICROCRED_PORT=8123 serve_command --database sqlite:x.db
expect_argv serve --demo --port 8123 --database sqlite:x.db

# The same shape, started for real: a port of our own (0 picks a free one) next to other
# arguments must reach `microcred serve`, which answers /healthz.
tmp=$(mktemp -d) || exit 1
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
serve_command --port 0 --database "sqlite:$tmp/demo.db" --data-dir "$tmp/data" --threads 2
"$bin" "${serve_argv[@]}" >"$tmp/out.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 600); do # up to 120 s: the demo seed hashes every demo password
  port=$(sed -nE 's/^microcred listening on http:\/\/127\.0\.0\.1:([0-9]+)$/\1/p' "$tmp/out.log")
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$port" ]; then
  fail "the server did not start with: ${serve_argv[*]}"
  tail -n 20 "$tmp/out.log"
elif ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then
  fail "cannot connect to port $port"
else
  printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  reply=$(timeout 10 cat <&3)
  exec 3<&-
  grep -q '^HTTP/1.1 200' <<<"$reply" || fail "/healthz answered: ${reply:0:200}"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "run command: ok"
