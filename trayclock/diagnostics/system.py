"""The machine's side of the report: versions, platform, desktop session and its tray hosts.

Qt-free: the Qt version, its platform plugin and Qt's own verdict on the tray come from the
Qt probe (trayclock.ui.self_check). Here the tray hosts are asked directly (D-Bus for a
StatusNotifierItem host, the X selection for an XEmbed tray), to say *which* host is there.
"""

from __future__ import annotations

import importlib.metadata
import locale
import os
import platform
import sys
from collections.abc import Mapping
from pathlib import Path

from trayclock import __version__
from trayclock.diagnostics.report import Finding, Level, Section

# Distribution name -> module whose __version__ says the same when the metadata is not
# bundled (a PyInstaller build copies only some packages' metadata).
LIBRARIES = {
    "PySide6-Essentials": None,
    "keyring": "keyring",
    "psutil": "psutil",
    "watchdog": None,
    "platformdirs": "platformdirs",
    "requests": "requests",
    "SecretStorage": "secretstorage",
    "jeepney": "jeepney",
}
DESKTOP_VARIABLES = (
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DESKTOP_SESSION",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "QT_QPA_PLATFORM",
)
SNI_WATCHER = "org.kde.StatusNotifierWatcher"
DBUS_TIMEOUT_S = 3.0


def library_version(distribution: str, module: str | None) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        pass
    if module is None:
        return None
    try:
        loaded = __import__(module)
    except ImportError:
        return None
    version = getattr(loaded, "__version__", None)
    return str(version) if version else None


def versions_section() -> Section:
    frozen = getattr(sys, "frozen", False)
    build = f"packaged (PyInstaller) in {Path(sys.executable).parent}" if frozen else "from Python"
    findings = [
        Finding("trayclock", f"{__version__}, {build}"),
        Finding("Python", f"{platform.python_version()} ({sys.executable})"),
    ]
    for distribution, module in LIBRARIES.items():
        version = library_version(distribution, module)
        if version is not None:
            findings.append(Finding(distribution, version))
    return Section.of("Versions", findings)


def platform_section(environ: Mapping[str, str] | None = None) -> Section:
    env = os.environ if environ is None else environ
    language = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or "not set"
    return Section.of(
        "Platform",
        [
            Finding("system", f"{platform.platform()} ({sys.platform}, {platform.machine()})"),
            Finding("language", f"{language} (preferred encoding {locale.getpreferredencoding()})"),
        ],
    )


def desktop_section(environ: Mapping[str, str] | None = None) -> Section:
    env = os.environ if environ is None else environ
    findings = [Finding(name, env.get(name) or "not set") for name in DESKTOP_VARIABLES]
    findings += tray_host_findings(env)
    return Section.of("Desktop", findings)


def tray_host_findings(
    environ: Mapping[str, str], platform_name: str | None = None
) -> list[Finding]:
    """Which tray host(s) this session has (facts; Qt's verdict is the essential check)."""
    platform_name = sys.platform if platform_name is None else platform_name
    if platform_name == "win32":
        return [Finding("tray host", "the Windows notification area")]
    if platform_name == "darwin":
        return [Finding("tray host", "the macOS menu bar")]
    return [sni_host_finding(environ), xembed_host_finding(environ)]


def sni_host_finding(environ: Mapping[str, str]) -> Finding:
    topic = "StatusNotifierItem host"
    if not environ.get("DBUS_SESSION_BUS_ADDRESS") and not environ.get("XDG_RUNTIME_DIR"):
        return Finding(topic, "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS not set)", Level.WARN)
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError as error:
        return Finding(topic, f"cannot ask D-Bus ({error})", Level.WARN)
    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    try:
        with open_dbus_connection(bus="SESSION") as conn:

            def call(address: DBusAddress, method: str, signature: str, *body: object) -> object:
                message = new_method_call(address, method, signature, body)
                return conn.send_and_get_reply(message, timeout=DBUS_TIMEOUT_S).body[0]

            if not call(bus, "NameHasOwner", "s", SNI_WATCHER):
                return Finding(topic, f"none ({SNI_WATCHER} is not on the session bus)", Level.WARN)
            pid = call(bus, "GetConnectionUnixProcessID", "s", SNI_WATCHER)
            watcher = DBusAddress(
                "/StatusNotifierWatcher",
                bus_name=SNI_WATCHER,
                interface="org.freedesktop.DBus.Properties",
            )
            # A property comes back as a variant: ("b", True).
            variant = call(watcher, "Get", "ss", SNI_WATCHER, "IsStatusNotifierHostRegistered")
            registered = bool(variant[1] if isinstance(variant, tuple) else variant)
    except Exception as error:  # no bus, a bus that does not answer: say so, never fail here
        return Finding(topic, f"cannot ask D-Bus: {error}", Level.WARN)
    who = f"{SNI_WATCHER} by {process_name(pid)}"
    if registered:
        return Finding(topic, f"{who}, a host is registered", Level.OK)
    return Finding(
        topic, f"{who}, but no host is registered (no panel shows the icons)", Level.WARN
    )


def xembed_host_finding(environ: Mapping[str, str]) -> Finding:
    topic = "XEmbed tray"
    display_name = environ.get("DISPLAY")
    if not display_name:
        return Finding(topic, "no X display (DISPLAY not set)", Level.INFO)
    from trayclock.detect.signals import xcb

    try:
        conn = xcb.Connection(display_name)
    except (xcb.XcbError, OSError) as error:  # OSError: no libxcb.so.1 to load
        return Finding(topic, f"cannot open X display {display_name}: {error}", Level.WARN)
    try:
        (selection,) = conn.intern_atoms([f"_NET_SYSTEM_TRAY_S{conn.screen}"])
        owner = conn.get_selection_owner(selection)
        if not owner:
            return Finding(topic, "none (no owner of the _NET_SYSTEM_TRAY selection)", Level.INFO)
        wm_class = conn.get_property(owner, xcb.ATOM_WM_CLASS, xcb.ATOM_STRING, 64).reply()
        # WM_CLASS is "instance\0class\0": the class names the program.
        parts = wm_class.value.decode("latin-1").split("\x00")
        name = parts[1] if len(parts) > 1 and parts[1] else f"window 0x{owner:x}"
        return Finding(topic, f"{name} owns the _NET_SYSTEM_TRAY selection", Level.OK)
    except xcb.XcbError as error:
        return Finding(topic, f"cannot ask X: {error}", Level.WARN)
    finally:
        conn.close()


def process_name(pid: object) -> str:
    try:
        import psutil

        return f"{psutil.Process(int(pid)).name()} (pid {pid})"  # type: ignore[call-overload]
    except Exception:
        return f"pid {pid}"
