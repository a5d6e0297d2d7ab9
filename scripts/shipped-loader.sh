#!/usr/bin/env bash
# The loader as releases ship it (`make dist`) and as the size budget counts
# it: www/police-engage.js minified, since its comments and long names are for
# readers of the source, not for residents' phones. An argument replaces its
# FILES line (`make dist` names the hashed files there).
set -euo pipefail
cd "$(dirname "$0")/.."
sed "${1:+s|^const FILES = .*|$1|}" www/police-engage.js | scripts/minify.sh js
