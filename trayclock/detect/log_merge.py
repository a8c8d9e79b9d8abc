"""One session seen in several files of one app, reported once under the key of the first.

AnyDesk's service and user traces, TeamViewer's live log and Connections.txt: sessions of
two files with the same partner starting within `MERGE_WINDOW_S` are one session. Any file
saying "ended" ends it (a file that misses its end line must not keep a session open
forever); "ran" anywhere beats "refused". The candidates are found through an index by
partner and start, so a new session costs O(log n), not a look at every session so far.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from trayclock.domain.session import Outcome, RemoteSession

# Two files' sessions with the same partner starting this close together are one session.
MERGE_WINDOW_S = 30.0
# At most this many sessions of one partner within the window are looked at (dozens of
# sessions to one partner within a minute happen only in a hostile log).
MERGE_CANDIDATES_MAX = 64

# A partner's name by its ID when no file names it (RustDesk's peer files); None: unknown.
PeerName = Callable[[str], str | None]


@dataclass(slots=True)
class _Merged:
    """One reported session and the per-file sessions it stands for."""

    key: str
    seq: int  # creation order: the oldest candidate wins a merge
    parts: dict[str, tuple[Path, RemoteSession]] = field(default_factory=dict)
    paths: set[Path] = field(default_factory=set)
    reported: RemoteSession | None = None


class MergedSessions:
    """The sessions of one app's files, merged; see the module docstring."""

    def __init__(self, app: str, peer_name: PeerName | None = None) -> None:
        self._app = app
        self._peer_name = peer_name
        self._merged: dict[str, _Merged] = {}  # reported key → merged session
        self._owner: dict[str, str] = {}  # per-file session key → reported key
        # partner id → (part's start, reported key, part key), sorted: the merge candidates
        self._by_partner: dict[str, list[tuple[datetime, str, str]]] = {}

    def absorb(self, path: Path, session: RemoteSession) -> str:
        """Take the news of one file's `session`; the key of the session it is reported as."""
        owner = self._owner.get(session.key)
        if owner is None:
            owner = self._match_other_file(path, session) or session.key
            self._owner[session.key] = owner
            if owner not in self._merged:
                self._merged[owner] = _Merged(owner, len(self._merged))
        merged = self._merged[owner]
        before = merged.parts.get(session.key)
        merged.parts[session.key] = (path, session)
        merged.paths.add(path)
        if session.partner_id is not None and (
            before is None
            or (before[1].partner_id, before[1].start) != (session.partner_id, session.start)
        ):
            self._index(session, owner)
        return owner

    def _index(self, session: RemoteSession, owner: str) -> None:
        assert session.partner_id is not None
        entries = self._by_partner.setdefault(session.partner_id, [])
        entry = (session.start, owner, session.key)
        if not entries or entries[-1] <= entry:
            entries.append(entry)  # the usual case: sessions come in order
        else:
            bisect.insort(entries, entry)

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
        """The oldest merged session of another file with the same partner starting within
        the window (as the index says; each entry checked against the part as it is now)."""
        if session.partner_id is None:
            return None
        window = timedelta(seconds=MERGE_WINDOW_S)
        entries = self._by_partner.get(session.partner_id, [])
        at = bisect.bisect_left(entries, (session.start - window,))
        best: _Merged | None = None
        for start, owner, part_key in entries[at : at + MERGE_CANDIDATES_MAX]:
            if start > session.start + window:
                break
            merged = self._merged[owner]
            part = merged.parts.get(part_key)
            if (
                part is None
                or part[1].partner_id != session.partner_id
                or part[1].start != start
                or path in merged.paths
            ):
                continue
            if best is None or merged.seq < best.seq:
                best = merged
        return best.key if best is not None else None

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
