#!/usr/bin/env bash
# Shared by run.sh and test.sh: make .venv (Python 3.11+) and install trayclock into it.
# Usage: source scripts/bootstrap.sh [EXTRAS]   e.g. EXTRAS="[test]"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TRAYCLOCK_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "trayclock needs Python 3.11 or newer; '$PY' is $("$PY" --version 2>&1). Set PYTHON=/path/to/python3.11." >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating $VENV ..." >&2
    "$PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
fi
# Quiet when nothing changed; re-run after pulling to pick up new dependencies.
"$VENV/bin/python" -m pip install -q -e "$ROOT${1:-}"
