"""`trayclock bill FILE|-`: read a billing input document, print the priced result as JSON.

Exit 0 with the result on stdout; exit 2 with one line per problem on stderr (prefixed by the
input's name) and nothing on stdout when the file is unreadable, not JSON, or invalid.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from trayclock.domain.billing import BillingInputError, bill_document
from trayclock.domain.clock import Clock
from trayclock.exit_code import ExitCode

logger = logging.getLogger(__name__)

STDIN_NAME = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input",
        metavar="FILE",
        help="billing input JSON (see docs/billing-rules.md), or - to read standard input",
    )


def _read(source: str) -> str:
    # utf-8-sig: a byte-order mark written by some Windows editors is not a JSON error.
    if source == STDIN_NAME:
        return sys.stdin.buffer.read().decode("utf-8-sig")
    with open(source, "rb") as handle:
        return handle.read().decode("utf-8-sig")


def render(document: dict[str, Any]) -> str:
    """The output JSON with one entry, overlap or customer per line (as the spec shows it).

    Greppable and readable, and about twice as fast as `json.dumps(indent=2)` for a big month,
    whose pure-Python indenting encoder dominated the command's run time.
    """
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            body = "[\n    " + ",\n    ".join(map(json.dumps, value)) + "\n  ]"
        elif isinstance(value, dict) and value:
            rows = (f"{json.dumps(name)}: {json.dumps(row)}" for name, row in value.items())
            body = "{\n    " + ",\n    ".join(rows) + "\n  }"
        else:
            body = json.dumps(value)
        parts.append(f"  {json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _fail(lines: list[str]) -> ExitCode:
    sys.stderr.write("".join(line + "\n" for line in lines))
    return ExitCode.INVALID_INPUT


def run(args: argparse.Namespace, clock: Clock) -> ExitCode:
    source: str = args.input
    label = "<stdin>" if source == STDIN_NAME else source
    try:
        text = _read(source)
    except FileNotFoundError:
        return _fail([f"{label}: no such file"])
    except IsADirectoryError:
        return _fail([f"{label}: is a directory, not a JSON file"])
    except OSError as exc:
        return _fail([f"{label}: cannot read: {exc.strerror or exc}"])
    except UnicodeDecodeError as exc:
        return _fail([f"{label}: not UTF-8 text (byte {exc.start}): {exc.reason}"])
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail([f"{label}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"])
    except RecursionError:
        return _fail([f"{label}: invalid JSON: nested too deeply"])
    try:
        result = bill_document(doc)
    except BillingInputError as exc:
        logger.debug("%s: %d problem(s)", label, len(exc.problems))
        return _fail([f"{label}: {problem}" for problem in exc.problems])
    sys.stdout.write(render(result))
    return ExitCode.OK
