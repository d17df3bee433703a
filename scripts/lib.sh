# Shared steps of ./run and ./test (sourced, not executed). Expects $repo to be the checkout.

# ccache keyed on paths relative to the checkout, in a folder that outlives the checkout, so a
# fresh CI clone on the same machine reuses what the last build compiled.
export CCACHE_BASEDIR="$repo"
export CCACHE_DIR="${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}"
export CCACHE_NOHASHDIR=1 # debug info would otherwise tie cache entries to the checkout's path

# Where shared/ (design, conformance data, interop verifier) lives: beside the checkout.
export MICROCRED_SHARED="${MICROCRED_SHARED:-$(dirname "$repo")/shared}"

# `npm ci` in a folder, skipped when node_modules already matches the lockfile: npm ci always
# deletes and reinstalls, which costs ~30 s per folder on every ./run otherwise.
npm_ci() {
  local dir=$1
  local stamp="$dir/node_modules/.microcred-lock-sha"
  local want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -L "$dir/node_modules" ]; then
    # A developer's worktree borrowing another checkout's packages: never wipe someone else's folder.
    echo "npm: $dir/node_modules is a link, left as it is"
    return 0
  fi
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "npm: installing $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) && echo "$want" >"$stamp"
}

# Front-end packages copied into web/static/vendor, and the assembled OpenAPI document the
# server serves from web/static (both generated, both gitignored).
prepare_web() {
  # Chained with &&: callers may run this where set -e does not apply (inside `if` or `||`).
  npm_ci "$repo/web" &&
    "$repo/web/build-assets.sh" &&
    npm_ci "$repo/scripts/openapi" &&
    node "$repo/scripts/openapi/assemble.mjs"
}

# Everything: the server, every test binary and bench/ (./test).
build_release() {
  cmake --preset release >/dev/null && cmake --build --preset release
}

# The server binary alone (./run): a newcomer sees a page without compiling the test suites.
build_server() {
  cmake --preset release >/dev/null && cmake --build --preset release --target microcred
}

# serve_command ARG...: the command line ./run starts, in the array serve_argv, and the port
# it will listen on in serve_port. The caller's arguments go to `microcred serve` as they are;
# the demo's default port is added only when they name none, because the binary accepts
# --port once (CLI11: "At Most 1 required but received 2").
serve_command() {
  serve_port="${MICROCRED_PORT:-8080}"
  local given=0 i args=("$@")
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
    --port) given=1 serve_port="${args[i + 1]:-}" ;;
    --port=*) given=1 serve_port="${args[i]#--port=}" ;;
    esac
  done
  serve_argv=(serve --demo)
  [ "$given" = 1 ] || serve_argv+=(--port "$serve_port")
  serve_argv+=("$@")
}
