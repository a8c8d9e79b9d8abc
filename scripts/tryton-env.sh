#!/usr/bin/env bash
# A real Tryton 8.2 for the sync tests: trytond with timesheet, project and project_invoice in
# its own virtualenv (it pins lxml, werkzeug … that must not meet trayclock's), and a template
# database set up once per trytond version (scripts/tryton_template.py). Both are cached in a
# folder outside the checkout and reused while the version and the setup script are the same.
#
# Usage: scripts/tryton-env.sh        prints TRYTON_VENV=… and TRYTON_TEMPLATE=… (the folder
#                                     holding trayclock.sqlite and info.json) on stdout
# Cache: $TRAYCLOCK_TRYTON_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/trayclock-tryton
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERIES="8.2"
REQUIREMENTS=("trytond==$SERIES.*" "trytond-timesheet==$SERIES.*" "trytond-project==$SERIES.*"
              "trytond-project-invoice==$SERIES.*")
CACHE="${TRAYCLOCK_TRYTON_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/trayclock-tryton}"
VENV="$CACHE/venv-$SERIES"
PY="${PYTHON:-python3}"
DATABASE="trayclock"
ADMIN_PASSWORD="trayclock-test-admin"   # a test server on loopback only
SETUP="$ROOT/scripts/tryton_template.py"

mkdir -p "$CACHE"
# Test runs in several checkouts share the cache: one builder at a time.
exec 9>"$CACHE/.lock"
flock 9

say() { echo "tryton-env: $*" >&2; }

# --- the virtualenv ---------------------------------------------------------------------
STAMP="$VENV/.trayclock-requirements"
WANT="${REQUIREMENTS[*]}"
if [ ! -x "$VENV/bin/trytond" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
    say "installing Tryton $SERIES into $VENV ..."
    started=$(date +%s)
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    LOG="$CACHE/pip-install.log"
    if ! "$VENV/bin/python" -m pip install -q --upgrade pip >"$LOG" 2>&1 ||
       ! "$VENV/bin/python" -m pip install "${REQUIREMENTS[@]}" >>"$LOG" 2>&1; then
        cat "$LOG" >&2
        say "pip install of Tryton failed (log: $LOG)"
        rm -rf "$VENV"
        exit 1
    fi
    echo "$WANT" >"$STAMP"
    say "installed in $(( $(date +%s) - started )) s"
fi
VERSION="$("$VENV/bin/python" -c 'import trytond; print(trytond.__version__)')"

# --- the template database --------------------------------------------------------------
# Keyed by the trytond version and the setup script, so a changed setup builds a new one.
SETUP_HASH="$(sha256sum "$SETUP" | cut -c1-12)"
TEMPLATE="$CACHE/template-$VERSION-$SETUP_HASH"
if [ ! -f "$TEMPLATE/info.json" ]; then
    say "building the template database for trytond $VERSION ..."
    started=$(date +%s)
    BUILD="$(mktemp -d "$CACHE/build.XXXXXX")"
    trap 'rm -rf "$BUILD"' EXIT
    : >"$BUILD/$DATABASE.sqlite"   # trytond's SQLite backend opens NAME.sqlite, never creates it
    printf '[database]\nuri = sqlite://\npath = %s\n' "$BUILD" >"$BUILD/trytond.conf"
    printf '%s\n' "$ADMIN_PASSWORD" >"$BUILD/admin-password"
    if ! TRYTONPASSFILE="$BUILD/admin-password" "$VENV/bin/trytond-admin" -c "$BUILD/trytond.conf" \
            -d "$DATABASE" --email admin@example.invalid -u project_invoice timesheet \
            --activate-dependencies >"$BUILD/admin.log" 2>&1 ||
       ! "$VENV/bin/python" "$SETUP" "$BUILD/trytond.conf" "$DATABASE" "$BUILD/setup.json" \
            >>"$BUILD/admin.log" 2>&1; then
        tail -40 "$BUILD/admin.log" >&2
        say "building the Tryton template failed"
        exit 1
    fi
    # Fold the write-ahead log into the file, so the template is one self-contained file
    # (the fixture copies it with SQLite's backup API all the same).
    "$VENV/bin/python" - "$BUILD/$DATABASE.sqlite" <<'EOF'
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
conn.close()
EOF
    "$VENV/bin/python" - "$BUILD" "$DATABASE" "$VERSION" "$ADMIN_PASSWORD" <<'EOF'
import json, sys
build, database, version, password = sys.argv[1:]
with open(f"{build}/setup.json", encoding="utf-8") as f:
    info = json.load(f)
info.update(database=database, trytond_version=version, user="admin", password=password)
with open(f"{build}/info.json", "w", encoding="utf-8") as f:
    json.dump(info, f, indent=2, sort_keys=True)
EOF
    mkdir -p "$TEMPLATE"
    mv "$BUILD/$DATABASE.sqlite" "$TEMPLATE/"
    mv "$BUILD/info.json" "$TEMPLATE/info.json"   # last: its presence means "complete"
    rm -rf "$BUILD"
    trap - EXIT
    say "template built in $(( $(date +%s) - started )) s"
fi
echo "TRYTON_VENV=$VENV"
echo "TRYTON_TEMPLATE=$TEMPLATE"
