#!/usr/bin/env bash
# Builds web/static/vendor, the only place the server serves front-end packages from: USWDS CSS
# compiled from only the parts our templates use (styles/uswds-microcred.scss, system fonts, so
# no font files), the pinned scripts, and a .br and .gz beside every text asset.
# Run by ./run and the test command after `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"
out=static/vendor
rm -rf "$out"
mkdir -p "$out/uswds/css" "$out/htmx" "$out/tus" "$out/chartist"
cp -r node_modules/@uswds/uswds/dist/js node_modules/@uswds/uswds/dist/img "$out/uswds/"
if [ -x node_modules/.bin/sass ]; then
  node_modules/.bin/sass --no-source-map --style=compressed --quiet \
    --load-path=node_modules/@uswds/uswds/packages styles/uswds-microcred.scss "$out/uswds/css/uswds.min.css"
else
  # A checkout whose node_modules predates sass (a worktree borrowing another's): the whole
  # USWDS CSS still renders every page, only heavier. `npm ci` in web/ brings sass.
  echo "build-assets: sass is not installed in web/node_modules; copying the full USWDS CSS (heavy)" >&2
  cp node_modules/@uswds/uswds/dist/css/uswds.min.css "$out/uswds/css/"
  cp -r node_modules/@uswds/uswds/dist/fonts "$out/uswds/"
fi
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/tus-js-client/dist/tus.min.js "$out/tus/"
# Charts for reports (each drawn from the data table beside it; see static/js/charts.js): Chartist
# draws SVG and is 12 KB compressed, where the Chart.js bundle alone was 60 KB and put every report
# page over the 100 KB first-visit budget.
cp node_modules/chartist/dist/index.umd.js "$out/chartist/chartist.min.js"
cp node_modules/chartist/dist/index.css "$out/chartist/chartist.css"
# Our own css/js are in git; their compressed siblings are not (see .gitignore).
find static -name '*.br' -delete -o -name '*.gz' -delete
node precompress.mjs
