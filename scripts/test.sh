#!/usr/bin/env bash
# Set up everything the tests need (first run only), then run the whole suite.
# Extra arguments go to pytest:  ./scripts/test.sh tests/unit -k billing
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
source scripts/bootstrap.sh "[test]"
exec "$VENV/bin/python" -m pytest "$@"
