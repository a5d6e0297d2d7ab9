#!/usr/bin/env bash
# Release artefacts in dist/: content-hashed widget files (cached for a year,
# immutable), a loader that names them and checks their Subresource Integrity
# (at a stable short-lived address that follows releases, and at its own
# hashed one that pins this release), the demo page, the console, and the npm
# package. Prints both snippets. Serve it with: police-engage-server --site-dir dist
# DIST=folder puts it elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f pkg/police_engage_bg.wasm ] || { echo "run make widget first"; exit 1; }
dist=${DIST:-dist}
# Earlier releases' hashed files stay: pages pinned to them keep working.
rm -rf "$dist/npm" && mkdir -p "$dist/www" "$dist/pkg" "$dist/npm/pkg"

hash8() { sha256sum "$1" | cut -c1-8; }
sri() { echo "sha384-$(openssl dgst -sha384 -binary "$1" | base64 -w0)"; }

wasm="police_engage_bg.$(hash8 pkg/police_engage_bg.wasm).wasm"
cp pkg/police_engage_bg.wasm "$dist/pkg/$wasm"
glue="police_engage.$(hash8 pkg/police_engage.js).js"
cp pkg/police_engage.js "$dist/pkg/$glue"
css="police-engage.$(hash8 pkg/police-engage.css).css"
cp pkg/police-engage.css "$dist/www/$css"

integrity="glue: '$(sri "$dist/pkg/$glue")', wasm: '$(sri "$dist/pkg/$wasm")', css: '$(sri "$dist/www/$css")'"
files="const FILES = { glue: 'pkg/$glue', wasm: 'pkg/$wasm', css: '$css', integrity: { $integrity } };"
scripts/shipped-loader.sh "$files" >"$dist/www/police-engage.js"
grep -q "$wasm" "$dist/www/police-engage.js" || { echo "the loader's FILES line was not rewritten"; exit 1; }
loader="police-engage.$(hash8 "$dist/www/police-engage.js").js"
cp "$dist/www/police-engage.js" "$dist/www/$loader"
cp www/demo-council.css "$dist/www/"
cp index.html "$dist/"
# The console: its own shell, styles and wasm (served with no-cache).
[ -f console/pkg/police_engage_console_bg.wasm ] || { echo "run make console first"; exit 1; }
mkdir -p "$dist/console/pkg"
cp console/index.html console/start.js console/console.css "$dist/console/"
cp console/pkg/police_engage_console.js console/pkg/police_engage_console_bg.wasm "$dist/console/pkg/"

# The npm package: the built files under their release names.
cp "$dist/www/police-engage.js" "$dist/www/$css" "$dist/npm/"
cp "$dist/pkg/$wasm" "$dist/pkg/$glue" "$dist/npm/pkg/"
cp www/package.json README.md "$dist/npm/"
(cd "$dist/npm" && npm pack --silent --pack-destination .. >/dev/null)

loader_sri=$(sri "$dist/www/$loader")
echo "$dist/ built:"
(cd "$dist" && find . -type f -not -path './npm/*' | sort | sed 's/^/  /')
cat <<SNIPPET

Paste this where the widget should appear (FORCE-HOST is where this server runs).
It pins this release: the loader's address and integrity name these exact files,
so the page keeps this release's widget after the next one (keep its files in dist/).

<script type="module" src="https://FORCE-HOST/widget/$loader" integrity="$loader_sri" crossorigin="anonymous"></script>
<police-engage src="https://FORCE-HOST/v1/feed.json">
  <a href="https://FORCE-HOST/news">Latest news from the police</a>
</police-engage>

Or, to receive each release as it is deployed, the loader's stable address, with no integrity:

<script type="module" src="https://FORCE-HOST/widget/police-engage.js"></script>
SNIPPET
