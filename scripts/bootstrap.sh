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
# Install only when pyproject.toml changed since the last install (start-up stays fast);
# pip's build chatter goes to a log that is shown only if the install fails.
STAMP="$VENV/.trayclock-installed${1:-}"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
    echo "Installing trayclock${1:-} into $VENV ..." >&2
    LOG="$VENV/pip-install.log"
    if ! "$VENV/bin/python" -m pip install -e "$ROOT${1:-}" >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "pip install failed (log: $LOG)" >&2
        exit 1
    fi
    touch "$STAMP"
fi
