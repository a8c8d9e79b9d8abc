#!/usr/bin/env bash
# Build the packaged app from this checkout, in one command:
#   ./scripts/package.sh
# makes dist/trayclock/ (the one-folder app: dist/trayclock.app on macOS) and, on Linux
# with dpkg-deb, dist/trayclock_<version>_<arch>.deb. It uses a build venv of its own
# (build/package-venv, made on the first run; TRAYCLOCK_BUILD_VENV to put it elsewhere)
# with `pip install . pyinstaller`, so the bundle holds exactly what pyproject.toml names.
# TRAYCLOCK_DIST=DIR writes the results there instead of dist/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VENV="${TRAYCLOCK_BUILD_VENV:-$ROOT/build/package-venv}"
DIST="${TRAYCLOCK_DIST:-$ROOT/dist}"
WORK="$ROOT/build/pyinstaller"
PYINSTALLER='pyinstaller>=6.10,<7'
start=$(date +%s)

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "package.sh needs Python 3.11 or newer; '$PY' is $("$PY" --version 2>&1). Set PYTHON=/path/to/python3.11." >&2
    exit 1
fi
[ -d "$VENV" ] || "$PY" -m venv "$VENV"
# setuptools leaves build/lib behind; a module deleted from the source must not come back from it.
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*
BIN="$VENV/bin"
[ -d "$BIN" ] || BIN="$VENV/Scripts"  # Windows (Git Bash)
LOG="$ROOT/build/package-pip.log"
mkdir -p "$ROOT/build"
echo "package.sh: installing trayclock and PyInstaller into $VENV ..." >&2
# The install brings the dependencies pyproject.toml names; trayclock's own code is taken
# from this checkout (build.spec puts it first on PyInstaller's path), never a stale copy.
if ! "$BIN/python" -m pip install "$ROOT" "$PYINSTALLER" >"$LOG" 2>&1; then
    cat "$LOG" >&2
    echo "package.sh: pip install failed (log: $LOG)" >&2
    exit 1
fi

echo "package.sh: pyinstaller build.spec ..." >&2
"$BIN/pyinstaller" --noconfirm --log-level WARN --workpath "$WORK" --distpath "$DIST" build.spec
APP="$DIST/trayclock"
case "$(uname -s)" in
    Darwin) APP="$DIST/trayclock.app" ;;
esac
echo "package.sh: $APP: $(du -sh "$APP" | cut -f1)" >&2

if [ "$(uname -s)" = Linux ] && command -v dpkg-deb >/dev/null; then
    bash packaging/linux/build-deb.sh "$APP" "$DIST"
elif [ "$(uname -s)" = Linux ]; then
    echo "package.sh: dpkg-deb not found: no .deb (it is in Debian's dpkg package)" >&2
fi
echo "package.sh: done in $(( $(date +%s) - start )) s" >&2
