"""Qt loaded for the tray without PySide6's `__feature__` import hook (trayclock selects none).

Importing PySide6 replaces `builtins.__import__` by its `__feature_import__`, which after
every import reads the new module's source (`inspect.getsource`) to learn whether it
mentions PySide6, for `from __feature__ import snake_case, true_property` to be switched
per module. The side effect: the source of every module imported afterwards stays in
`linecache` (in the idle tray, ~150 files, 2 million characters, measured 5–6 MiB), and
start-up reads them all. trayclock never imports `__feature__`, so the original import,
which PySide6 keeps as `builtins.__orig_import__` for this purpose (its "feature motivation"
developer notes), is put back.

`load_qt` must run before the composition root is imported: the modules imported between
PySide6 and this call are read by the hook. `python -m trayclock` and `trayclock demo` call
it first.
"""

from __future__ import annotations

import builtins


def load_qt() -> None:
    """Import Qt and put the interpreter's own import back (harmless when called again)."""
    import PySide6.QtCore  # noqa: F401  (installs the hook, once per process)

    original = getattr(builtins, "__orig_import__", None)
    if original is not None and builtins.__import__ is not original:
        builtins.__import__ = original


def feature_hook_installed() -> bool:
    """Whether `import` still goes through PySide6's feature hook."""
    original = getattr(builtins, "__orig_import__", None)
    return original is not None and builtins.__import__ is not original
