#!/usr/bin/env bash
# Set up everything the tests need (first run only), then run the whole suite.
# Extra arguments go to pytest:  ./scripts/test.sh tests/unit -k billing
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
source scripts/bootstrap.sh "[test]"
# The Tryton tests run a real trytond 8.2 from its own virtualenv with a template database,
# both cached outside the checkout (scripts/tryton-env.sh): made here, before the clock of
# the first test that needs them starts.
bash scripts/tryton-env.sh >/dev/null
exec "$VENV/bin/python" -m pytest "$@"
