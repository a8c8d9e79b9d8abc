"""The shape of the code, declared: import-linter's contracts (pyproject.toml) for the layers,
Qt inside the UI, a pure domain and no import cycles; and what imports cannot show — the
domain never reads the clock or does I/O by a call, and a long module says why it is long.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "trayclock"
LONG_MODULE_LINES = 400
LONG_MODULE_REASON = "Why this module is long:"
CONTRACTS = ("layers", "qt-in-ui", "domain-pure", "no-cycles")


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        yield ".".join(rel.parts), path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter over the package under `root` with the project's contracts."""
    command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"]
    return subprocess.run(
        [*command, "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_there_is_code_to_check() -> None:
    names = [name for name, _, _ in modules()]
    assert "trayclock.domain.session" in names and "trayclock.cli" in names


def test_every_import_contract_is_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    for contract in CONTRACTS:
        assert contract in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "4 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("trayclock/services/zones.py", "from trayclock.ui import tray", "point one way"),
        ("trayclock/store/audit.py", "import PySide6.QtCore", "import Qt"),
        ("trayclock/domain/clock.py", "import sqlite3", "domain does no I/O"),
        ("trayclock/domain/entry.py", "from trayclock.domain import pricing", "import cycles"),
    ],
)
def test_the_contracts_catch_a_violation(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    # A copy of the package with one bad import: the contract that forbids it must break.
    shutil.copytree(PACKAGE, tmp_path / "trayclock", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    broken_names = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(broken in line for line in broken_names), done.stdout[-3000:]


def test_the_domain_reads_no_clock_and_does_no_io_by_a_call() -> None:
    offenders = []
    for module, path, tree in modules():
        if not module.startswith("trayclock.domain."):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in {"open", "print", "input"}:
                    offenders.append(f"{path}:{node.lineno} calls {func.id}()")
                if isinstance(func, ast.Attribute) and func.attr in {"now", "utcnow", "today"}:
                    offenders.append(f"{path}:{node.lineno} reads the clock (.{func.attr}())")
    assert not offenders, "the domain must stay pure:\n" + "\n".join(offenders)


def test_a_long_module_says_why_at_its_top() -> None:
    unexplained = []
    for _, path, tree in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines <= LONG_MODULE_LINES:
            continue
        doc = ast.get_docstring(tree) or ""
        if LONG_MODULE_REASON not in doc:
            unexplained.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not unexplained, textwrap.dedent(
        f"""modules over {LONG_MODULE_LINES} lines need a reason in their docstring
        ("{LONG_MODULE_REASON} …"), or a cut along their seams:
        """
    ) + "\n".join(unexplained)
