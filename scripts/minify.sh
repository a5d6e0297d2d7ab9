#!/usr/bin/env bash
# Minifies JavaScript (`minify.sh js`) or CSS (`minify.sh css`) from standard
# input to standard output with esbuild: what partner pages download, without
# the comments, white space and long local names that are for readers.
set -euo pipefail
cd "$(dirname "$0")/.."
case $1 in
  js) node_modules/.bin/esbuild --minify --charset=utf8 --log-level=warning --loader=js --format=esm ;;
  css) node_modules/.bin/esbuild --minify --charset=utf8 --log-level=warning --loader=css ;;
  *) echo "usage: minify.sh js|css" >&2; exit 2 ;;
esac
