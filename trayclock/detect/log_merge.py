"""One session seen in several files of one app, reported once under the key of the first.

AnyDesk's service and user traces, TeamViewer's live log and Connections.txt: sessions of
two files with the same partner starting within `MERGE_WINDOW_S` are one session. Any file
saying "ended" ends it (a file that misses its end line must not keep a session open
forever); "ran" anywhere beats "refused".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from trayclock.domain.session import Outcome, RemoteSession

# Two files' sessions with the same partner starting this close together are one session.
MERGE_WINDOW_S = 30.0

# A partner's name by its ID when no file names it (RustDesk's peer files); None: unknown.
PeerName = Callable[[str], str | None]


@dataclass(slots=True)
class _Merged:
    """One reported session and the per-file sessions it stands for."""

    key: str
    parts: dict[str, tuple[Path, RemoteSession]] = field(default_factory=dict)
    reported: RemoteSession | None = None


class MergedSessions:
    """The sessions of one app's files, merged; see the module docstring."""

    def __init__(self, app: str, peer_name: PeerName | None = None) -> None:
        self._app = app
        self._peer_name = peer_name
        self._merged: dict[str, _Merged] = {}  # reported key → merged session
        self._owner: dict[str, str] = {}  # per-file session key → reported key

    def absorb(self, path: Path, session: RemoteSession) -> str:
        """Take the news of one file's `session`; the key of the session it is reported as."""
        owner = self._owner.get(session.key)
        if owner is None:
            owner = self._match_other_file(path, session) or session.key
            self._owner[session.key] = owner
            self._merged.setdefault(owner, _Merged(owner))
        self._merged[owner].parts[session.key] = (path, session)
        return owner

    def report(self, keys: Iterable[str]) -> list[RemoteSession]:
        """The sessions among `keys` that changed since they were last reported, as now."""
        out: list[RemoteSession] = []
        for key in keys:
            merged = self._merged[key]
            current = self._combined(merged)
            if current != merged.reported:
                merged.reported = current
                out.append(current)
        return out

    def sessions(self) -> list[RemoteSession]:
        """Every session reported so far, as last reported, by start."""
        known = [m.reported for m in self._merged.values() if m.reported is not None]
        return sorted(known, key=lambda s: (s.start, s.key))

    def parts(self, key: str) -> list[tuple[Path, RemoteSession]]:
        """(file, that file's session) for each part of the reported session `key`."""
        merged = self._merged.get(key)
        return list(merged.parts.values()) if merged is not None else []

    def _match_other_file(self, path: Path, session: RemoteSession) -> str | None:
        if session.partner_id is None:
            return None
        window = timedelta(seconds=MERGE_WINDOW_S)
        for merged in self._merged.values():
            paths = {p for p, _ in merged.parts.values()}
            if path in paths:
                continue
            for _, part in merged.parts.values():
                if (
                    part.partner_id == session.partner_id
                    and abs(part.start - session.start) <= window
                ):
                    return merged.key
        return None

    def _combined(self, merged: _Merged) -> RemoteSession:
        parts = sorted((s for _, s in merged.parts.values()), key=lambda s: s.start)
        first = parts[0]
        ended = [s for s in parts if s.outcome is not Outcome.OPEN]
        partner_id = next((s.partner_id for s in parts if s.partner_id), None)
        partner_name = next((s.partner_name for s in parts if s.partner_name), None)
        if partner_name is None and partner_id is not None and self._peer_name is not None:
            partner_name = self._peer_name(partner_id)
        if not ended:
            end, outcome = None, Outcome.OPEN
        else:
            end = max(s.end for s in ended if s.end is not None)
            ran = any(s.outcome is Outcome.COMPLETED for s in ended)
            outcome = Outcome.COMPLETED if ran else Outcome.REFUSED
        return RemoteSession(
            self._app, merged.key, partner_id, partner_name, first.start, end, outcome
        )
