#!/usr/bin/env bash
# Set up (first run only) and start trayclock. Arguments go to the trayclock command:
#   ./scripts/run.sh            the tray
#   ./scripts/run.sh demo       the scripted demo on a throw-away store
set -euo pipefail
cd "$(dirname "$0")/.."
# An explicit (empty) extras argument: a bare `source` would hand it this script's arguments.
source scripts/bootstrap.sh ""
exec "$VENV/bin/trayclock" "$@"
