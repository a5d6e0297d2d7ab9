#!/usr/bin/env bash
# The loader as releases ship it (`make dist`) and as the size budget counts
# it: www/police-engage.js without its comment lines, which are for readers
# of the source, not for residents' phones.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -v '^\s*//' www/police-engage.js
