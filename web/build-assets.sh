#!/usr/bin/env bash
# Copies the pinned front-end packages into web/static/vendor, the only place the server
# serves them from. Run by ./run and the test command after `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"
out=static/vendor
rm -rf "$out"
mkdir -p "$out/uswds" "$out/htmx" "$out/tus" "$out/chart"
cp -r node_modules/@uswds/uswds/dist/css node_modules/@uswds/uswds/dist/js \
      node_modules/@uswds/uswds/dist/fonts node_modules/@uswds/uswds/dist/img "$out/uswds/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/tus-js-client/dist/tus.min.js "$out/tus/"
# Charts for reports (each drawn from the data table beside it; see static/js/charts.js).
cp node_modules/chart.js/dist/chart.umd.min.js "$out/chart/"
