#!/usr/bin/env bash
# Debian/Ubuntu packages that Qt's xcb platform, the real-desktop tests and the keyring tests need.
# Installs them when run as root (CI, containers); otherwise says what is missing.
set -euo pipefail
PKGS=(
    xvfb xauth x11-utils xdotool          # a real X display for window-detection and tray tests
    libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
    libxkbcommon0 libxkbcommon-x11-0      # Qt keyboard handling
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
    dbus dbus-daemon dbus-bin gnome-keyring libsecret-tools   # a real Secret Service on a private bus (keyring tests, self-check; secret-tool cross-checks)
    desktop-file-utils                    # desktop-file-validate: the menu and autostart entries
    faketime                              # the time-sensitive tests again with the clock on other days
    gcc libc6-dev                         # the week simulation's clock shim (tests/integration/weeksim/simclock.c)
    suckless-tools                        # dmenu: dunst's menu of a notification's actions (Keep / Pause / Split)
)
command -v dpkg-query >/dev/null || { echo "Not a Debian-like system: install Xvfb and Qt's xcb libraries yourself." >&2; exit 0; }

# The real-desktop tray test runs inside the project's desktop-session.sh (Xvfb, openbox,
# a tray host, dunst); let it install its own packages up front rather than mid-test.
DESKTOP_SESSION="$(cd "$(dirname "$0")/.." && pwd)/../shared/tools/desktop-session.sh"
if [ -x "$DESKTOP_SESSION" ] && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    "$DESKTOP_SESSION" --install-only --tray sni -q
fi
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "Missing system packages (install them, then re-run): sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
