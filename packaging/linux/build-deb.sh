#!/usr/bin/env bash
# The Debian package, made from the PyInstaller folder with dpkg-deb:
#   packaging/linux/build-deb.sh dist/trayclock dist     -> dist/trayclock_<version>_<arch>.deb
# It installs the folder as /opt/trayclock with /usr/bin/trayclock linked to it, the menu
# entry and icons (written by the packaged trayclock itself: `install-desktop`), and no
# autostart entry: start at login stays off until the technician switches it on.
# Depends: the system libraries the bundle links to and does not carry, found with ldd and
# named by dpkg -S on the build machine.
set -euo pipefail
APP="${1:?usage: build-deb.sh APP_FOLDER OUT_DIR}"
OUT="${2:?usage: build-deb.sh APP_FOLDER OUT_DIR}"
APP="$(cd "$APP" && pwd)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
NAME=trayclock
VERSION="$("$APP/$NAME" --version | awk '{print $2}')"
ARCH="$(dpkg --print-architecture)"
DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
STAGE="$(mktemp -d "${TMPDIR:-/tmp}/trayclock-deb.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/DEBIAN"
cp -a "$APP" "$STAGE/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$STAGE/usr/bin/$NAME"
"$APP/$NAME" install-desktop --data-home "$STAGE/usr/share" --exec "/usr/bin/$NAME" >/dev/null

# The libraries outside the bundle, and the packages that hold them.
internal="$STAGE/opt/$NAME/_internal"
libs=$(find "$STAGE/opt/$NAME" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
    LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$STAGE" | sort -u)
depends=$(for lib in $libs; do
    dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true
done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g')

cat >"$STAGE/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: ${TRAYCLOCK_DEB_MAINTAINER:-trayclock developers <packaging@trayclock.invalid>}
Installed-Size: $(du -sk "$STAGE/opt" "$STAGE/usr" | awk '{s += $1} END {print s}')
Depends: $depends
Section: utils
Priority: optional
Description: tray app that bills the remote-support sessions you worked
 trayclock notices outgoing TeamViewer, AnyDesk and RustDesk sessions, asks which
 customer each was for, prices the day by the company's billing rules and lets the
 technician review it. Start at login is off until switched on in its settings
 (or with 'trayclock autostart on').
CONTROL
# xz: every dpkg since Debian 7 reads it; threads make it quick on a CI machine.
dpkg-deb --root-owner-group -Zxz --threads-max="$(nproc)" --build "$STAGE" "$DEB" >/dev/null
echo "build-deb.sh: $DEB: $(du -h "$DEB" | cut -f1) (Depends: $depends)" >&2
