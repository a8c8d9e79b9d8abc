"""The shape of the code: the domain stays pure, Qt stays in the UI, dependencies point one way.

Read with `ast`, so imports inside functions count too.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "trayclock"

# Modules that do I/O or talk to the outside; the domain may import none of them.
IO_MODULES = {
    "os",
    "pathlib",
    "io",
    "sqlite3",
    "socket",
    "subprocess",
    "shutil",
    "tempfile",
    "requests",
    "psutil",
    "keyring",
    "platformdirs",
    "urllib",
    "http",
    "threading",
    "asyncio",
    "time",
    "logging",
    "watchdog",
    "Xlib",
    "ctypes",
    "select",
    "signal",
    "glob",
}
# Which of our own packages each layer may import (anything not listed: only itself).
ALLOWED_INTERNAL = {
    "domain": {"domain"},
    "store": {"domain", "store", "config"},
    "detect": {"domain", "detect", "config"},
    "tracker": {"domain", "store", "tracker", "detect"},
    # The widgets' Qt-free services: above the tracker, below the UI (never ui, never Qt).
    "services": {"domain", "store", "tracker", "detect", "config", "services"},
    "sync": {"domain", "store", "sync", "config"},
    # Qt-free desktop integration and diagnostics (the Qt half of the self-check is ui/).
    "desktop": {"desktop", "resources"},
    "diagnostics": {"diagnostics", "desktop", "detect", "domain", "config"},
}


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(rel.parts), path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_there_is_code_to_check() -> None:
    names = [name for name, _, _ in modules()]
    assert "trayclock.domain.session" in names and "trayclock.cli" in names


def test_only_ui_and_composition_root_import_qt() -> None:
    offenders = [
        f"{path}:{line} imports {name}"
        for module, path, tree in modules()
        if not (module.startswith("trayclock.ui") or module == "trayclock.app")
        for line, name in imported(tree)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    assert not offenders, "Qt outside trayclock/ui and trayclock/app.py:\n" + "\n".join(offenders)


def test_domain_is_pure() -> None:
    stdlib = set(sys.stdlib_module_names)
    offenders = []
    for module, path, tree in modules():
        if layer(module) != "domain":
            continue
        for line, name in imported(tree):
            top = name.split(".")[0]
            if top == "trayclock":
                if layer(name) != "domain":
                    offenders.append(f"{path}:{line} imports {name} (outside the domain)")
            elif top in IO_MODULES or (top not in stdlib and top != "__future__"):
                offenders.append(f"{path}:{line} imports {name} (I/O or third-party)")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in {"open", "print", "input"}:
                    offenders.append(f"{path}:{node.lineno} calls {func.id}()")
                if isinstance(func, ast.Attribute) and func.attr in {"now", "utcnow", "today"}:
                    offenders.append(f"{path}:{node.lineno} reads the clock (.{func.attr}())")
    assert not offenders, "the domain must stay pure:\n" + "\n".join(offenders)


@pytest.mark.parametrize("layer_name", sorted(ALLOWED_INTERNAL))
def test_dependencies_point_one_way(layer_name: str) -> None:
    allowed = ALLOWED_INTERNAL[layer_name]
    offenders = [
        f"{path}:{line} imports {name}"
        for module, path, tree in modules()
        if layer(module) == layer_name
        for line, name in imported(tree)
        if name.startswith("trayclock.") and layer(name) not in allowed
    ]
    assert not offenders, (
        f"trayclock.{layer_name} may import only {sorted(allowed)}:\n" + "\n".join(offenders)
    )
