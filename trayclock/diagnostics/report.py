"""The diagnostics report: sections of findings, which of them are essential, text and JSON.

One report for `trayclock --self-check` and the menu's "Copy diagnostics". It names
versions, folders, backends and why a check failed; it never holds a secret (the keyring
check says whether the keyring answers, never what it holds).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_ESSENTIAL_MISSING = 1


class Level(enum.Enum):
    INFO = "info"  # a fact (a version, a folder)
    OK = "ok"  # a check that passed
    WARN = "warn"  # works less well than it could; not a reason to fail
    FAIL = "fail"  # does not work

    @property
    def mark(self) -> str:
        return {"info": "  ", "ok": "ok", "warn": "!!", "fail": "--"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report; `essential` failures make the self-check fail."""

    topic: str
    text: str
    level: Level = Level.INFO
    essential: bool = False

    @property
    def blocks(self) -> bool:
        return self.essential and self.level is Level.FAIL


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, title: str, findings: Sequence[Finding]) -> Section:
        return cls(title, tuple(findings))


@dataclass(frozen=True, slots=True)
class Report:
    sections: tuple[Section, ...]

    @property
    def blocking(self) -> list[Finding]:
        """The essential checks that failed."""
        return [f for section in self.sections for f in section.findings if f.blocks]

    @property
    def exit_status(self) -> int:
        return EXIT_ESSENTIAL_MISSING if self.blocking else EXIT_OK

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": not self.blocking,
            "sections": [
                {
                    "title": section.title,
                    "findings": [
                        {
                            "topic": f.topic,
                            "text": f.text,
                            "level": f.level.value,
                            "essential": f.essential,
                        }
                        for f in section.findings
                    ],
                }
                for section in self.sections
            ],
        }


def format_text(report: Report) -> str:
    """The report as a technician reads it (and pastes into a support ticket)."""
    lines = ["trayclock self-check"]
    for section in report.sections:
        lines.append("")
        lines.append(f"== {section.title}")
        for finding in section.findings:
            essential = " (essential)" if finding.blocks else ""
            lines.append(f"{finding.level.mark}  {finding.topic}: {finding.text}{essential}")
    lines.append("")
    blocking = report.blocking
    if blocking:
        names = ", ".join(f.topic for f in blocking)
        lines.append(f"FAILED: {len(blocking)} essential check(s) did not pass: {names}")
    else:
        lines.append("PASSED: every essential check passed")
    return "\n".join(lines) + "\n"
