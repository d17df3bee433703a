#!/usr/bin/env bash
# Throughput of microcred measured against references in the same run (DESIGN.md: ratios, never
# absolute timings): pages against nginx serving the very same bytes as a static file, and a
# 1 GiB tus upload against dd writing to the same disk. Prints a markdown table.
# Not part of ./test. Needs build/release (./run or ./test builds it), wrk, nginx, curl, sqlite3.
#   bench/run.sh            # BENCH_SECONDS=10 BENCH_CONNECTIONS=50 BENCH_THREADS=2 to tune
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
bin="${MICROCRED_BIN:-$repo/build/release/src/app/microcred}"
seconds="${BENCH_SECONDS:-10}"
conns="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"
for tool in wrk nginx curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "bench: no binary at $bin; build first (./run or cmake --build --preset release)" >&2; exit 1; }

# Under build/ rather than /tmp: the upload and dd must hit the disk the data would live on.
work=$(mktemp -d "$repo/build/bench.XXXXXX")
server_pid="" nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# waits up to $2 seconds for a command to succeed
wait_for() {
  local what=$1 limit=$2 i
  shift 2
  for ((i = 0; i < limit * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: $what not ready after ${limit}s" >&2
  return 1
}
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# ---- microcred on SQLite with the demo data
"$bin" serve --demo --port 0 --database "sqlite:$work/microcred.db" --data-dir "$work/data" \
  --source-dir "$repo" >"$work/server.log" 2>&1 &
server_pid=$!
wait_for "microcred" 120 grep -q 'microcred listening on' "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
base=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -n 1)

# ---- nginx serving files from $work/www on another port
port=$(free_port)
mkdir -p "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www" # nginx workers run as nobody
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    default_type text/html;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
wait_for "nginx" 10 curl -s -o /dev/null "http://127.0.0.1:$port/" || { cat "$work/nginx/error.log" >&2; exit 1; }
nginx_base="http://127.0.0.1:$port"

# wrk's Requests/sec and 99% latency (in ms) for a URL with optional extra header.
measure() {
  local url=$1 header=${2:-} out
  if [ -n "$header" ]; then
    out=$(wrk -t "$threads" -c "$conns" -d "${seconds}s" --latency -H "$header" "$url")
  else
    out=$(wrk -t "$threads" -c "$conns" -d "${seconds}s" --latency "$url")
  fi
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  [ -n "${non2xx:-}" ] && echo "bench: $url answered $non2xx non-2xx/3xx responses" >&2
  # wrk prints latencies as 1.23ms / 456.00us / 1.20s: convert to ms.
  p99=$(awk -v v="$p99" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }')
  echo "$rps $p99"
}

rows=()
# bench_page LABEL PATH [COOKIE]: the page from microcred, then its exact bytes from nginx.
bench_page() {
  local label=$1 path=$2 cookie=${3:-} name status
  name="page-$((${#rows[@]} + 1)).html"
  status=$(curl -s -o "$work/www/$name" -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$base$path")
  if [ "$status" != 200 ]; then
    rows+=("| $label \`$path\` | skipped: status $status | | | | |")
    return
  fi
  chmod 644 "$work/www/$name"
  local mc ng
  mc=$(measure "$base$path" ${cookie:+"Cookie: $cookie"})
  ng=$(measure "$nginx_base/$name")
  read -r mc_rps mc_p99 <<<"$mc"
  read -r ng_rps ng_p99 <<<"$ng"
  local ratio
  ratio=$(awk -v a="$mc_rps" -v b="$ng_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  rows+=("| $label \`$path\` ($(stat -c %s "$work/www/$name") B) | $mc_rps | $mc_p99 | $ng_rps | $ng_p99 | $ratio |")
}

# Real data to measure: one awarded credential and an open upload (bench/prepare.mjs, over the API).
size=$((1024 * 1024 * 1024))
prepared=$(node "$repo/bench/prepare.mjs" "$base" "$size") || { echo "bench: preparing data failed" >&2; tail -n 20 "$work/server.log" >&2; exit 1; }
field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$prepared" "$1"; }

# (a) the public page a credential's QR code leads to.
bench_page "public" "/verify/$(field award)"
# (b) a signed-in page, with the educator's session.
session_cookie=$(field educator_cookie)
bench_page "signed in" /dashboard "$session_cookie"
rss_pages=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")

# ---- 1 GiB video through tus (one PATCH from curl) against dd on the same disk
location="$base$(field upload)"
t0=$(date +%s.%N)
# A WebM header (the server sniffs the bytes) and then zeros, streamed: nothing holds 1 GiB.
patch_status=$( { printf '\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm'; head -c $((size - 16)) /dev/zero; } |
  curl -s -o /dev/null -w '%{http_code}' -X PATCH -T - \
  -H "Cookie: $(field uploader_cookie)" -H "X-CSRF-Token: $(field uploader_csrf)" -H 'Tus-Resumable: 1.0.0' \
  -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' \
  -H "Content-Length: $size" -H 'Transfer-Encoding:' "$location")
t1=$(date +%s.%N)
if [ "$patch_status" = 204 ]; then
  upload_row=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", 1024 / (b - a) }')
else
  upload_row="failed: PATCH answered $patch_status"
fi
rss_all=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")
dd_out=$(dd if=/dev/zero of="$work/dd.bin" bs=1M count=1024 conv=fsync 2>&1)
dd_secs=$(grep -oE '[0-9.]+ s,' <<<"$dd_out" | tr -d ' s,')
dd_mbs=$(awk -v s="$dd_secs" 'BEGIN { printf "%.1f", 1024 / s }')
rm -f "$work/dd.bin"

echo
echo "microcred bench: wrk -t$threads -c$conns -d${seconds}s on 127.0.0.1, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| page | microcred req/s | microcred p99 ms | nginx req/s (same bytes) | nginx p99 ms | microcred/nginx |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
# Memory is a ratio too: how much the peak RSS grew during the upload, per byte uploaded (a
# server that held the body would show ~1; a streaming one a few thousandths at most).
rss_growth_ratio=$(awk -v a="$rss_all" -v b="$rss_pages" -v s="$size" 'BEGIN { printf "%.4f", (a - b) * 1024 / s }')
echo "| upload 1 GiB | microcred MiB/s | dd conv=fsync MiB/s | ratio | server peak RSS | RSS growth / upload size |"
echo "|---|---|---|---|---|---|"
if [[ "$upload_row" =~ ^[0-9.]+$ ]]; then
  ratio=$(awk -v a="$upload_row" -v b="$dd_mbs" 'BEGIN { printf "%.2f", a / b }')
  echo "| tus POST + PATCH | $upload_row | $dd_mbs | $ratio | $((rss_all / 1024)) MiB (after pages: $((rss_pages / 1024)) MiB) | $rss_growth_ratio |"
else
  echo "| tus POST + PATCH | $upload_row | $dd_mbs | | $((rss_all / 1024)) MiB | |"
fi
