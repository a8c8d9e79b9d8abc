"""Hostile inputs for the log parsers and the measure of their cost per byte.

Shared by tests/unit/test_parser_fuzz.py (a short budget in every run) and
bench/fuzz_parsers.py (a long one on demand). Inputs are bytes, as a log file holds them:
random bytes, NUL floods, invalid UTF-8 and encoded surrogates, lines of spaces and tabs,
real lines with a long run of one fragment spliced in (the shapes that made the old regexes
backtrack), and logs that open thousands of sessions (the shapes that were quadratic).

Cost is CPU time of this thread (`time.thread_time`: preemption on a loaded machine does not
count), with the garbage collector off, divided by the cost of a linear reference pass over
the same bytes measured in the same run (`reference_pass`): a ratio that says "how many
times a plain split-and-decode of this input", whatever the machine's speed right now. Tiny
inputs are charged at least the reference cost of FLOOR_BYTES, so fixed overheads (a parser
object, one session) do not read as a cost per byte.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import strategies as st

from trayclock.detect.apps import anydesk, common, registry, rustdesk, teamviewer
from trayclock.detect.apps.sessionlog import SessionLogParser
from trayclock.detect.apps.textscan import MAX_LINE_CHARS
from trayclock.detect.parse import recognise_app

LOGS = Path(__file__).resolve().parent / "fixtures" / "logs"
FLOOR_BYTES = 4096
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)

# The app each parser's logs belong to (`detect --parse --app`).
APP_OF = {
    "anydesk": "anydesk",
    "rustdesk": "rustdesk",
    "teamviewer-connections": "teamviewer",
    "teamviewer-live": "teamviewer",
}
PARSERS: dict[str, Callable[[], SessionLogParser]] = {
    "anydesk": anydesk.TraceParser,
    "rustdesk": rustdesk.LogParser,
    "teamviewer-connections": teamviewer.ConnectionsParser,
    "teamviewer-live": teamviewer.LiveLogParser,
}
FIXTURES = {
    "anydesk": [
        "anydesk_service_concurrent.trace",
        "anydesk_frontend_linux.trace",
        "anydesk_windows_old_layout.trace",
    ],
    "rustdesk": ["rustdesk_client_rCURRENT.log", "rustdesk_windows.log"],
    "teamviewer-connections": ["teamviewer_Connections.txt", "teamviewer_Connections_incoming.txt"],
    "teamviewer-live": ["teamviewer_live.log"],
}

# Runs of these, spliced into real lines, are what backtracking regexes choke on: white
# space, digits, the formats' own separators and markers, quotes and escapes, NULs, text
# that is not ASCII, U+FFFD (what invalid UTF-8 decodes to).
FRAGMENTS = [
    " ",
    "  ",
    "\t",
    " \t",
    "0",
    "9 ",
    "1.",
    ".",
    "..",
    "*",
    "* ",
    " - ",
    "-",
    "(",
    ")",
    " (",
    ":",
    ": ",
    '"',
    "\\",
    '\\"',
    "{",
    "}",
    "[",
    "]",
    "=",
    "@",
    "Session ",
    "Session to 1 ",
    "trying connection to ",
    "id=",
    "Exit io_loop of id=1",
    'username: "',
    "handle_peer_info :",
    "(UTC+",
    "Received outgoing connection request for address ",
    "5: Entering processing loop.",
    "02-03-2026 08:00:05 ",
    "2026/03/05 09:02:00.000 ",
    "\x00",
    "é",
    "٣",
    "\u00a0",
    "\ufffd",
]
LONE_SURROGATES = ("\ud800", "\udfff")
# White space, the commonest cause of backtracking (a run of it inside a padded column).
WHITE_FRAGMENTS = [" ", "  ", "\t", " \t"]
# Bytes that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates.
BAD_UTF8 = [
    b"\x80",
    b"\xff",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xe2\x82",
    b"\xf4\x90",
]


def fixture_lines(kind: str) -> list[str]:
    lines: list[str] = []
    for name in FIXTURES[kind]:
        text = (LOGS / name).read_bytes().replace(b"\x00", b"").decode("utf-8", "replace")
        lines += [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    return lines


# --- logs that open many sessions -----------------------------------------------------------


def _stamp(i: int) -> datetime:
    return datetime(2026, 4, 2, 8, 0, tzinfo=UTC) + timedelta(milliseconds=10 * i)


def many_sessions(kind: str, n: int) -> list[str]:
    """A log of `kind` that opens `n` sessions (distinct partners), names each again while
    all are open, then ends them all: every line while n sessions are open."""
    ids = [str(100_000_000 + i) for i in range(n)]
    if kind == "rustdesk":

        def rust(i: int, msg: str) -> str:
            return f"[{_stamp(i):%Y-%m-%d %H:%M:%S.%f} +00:00] INFO [src/client.rs:1] {msg}"

        return (
            [rust(i, f"Session {p} start, use texture render: true") for i, p in enumerate(ids)]
            + [rust(n + i, f"#1 punch attempt with 10.0.0.5:1, id: {p}") for i, p in enumerate(ids)]
            + [rust(2 * n + i, f"Exit io_loop of id={p}") for i, p in enumerate(ids)]
        )
    if kind == "teamviewer-live":

        def live(i: int, msg: str) -> str:
            return f"{_stamp(i):%Y/%m/%d %H:%M:%S.%f}"[:-3] + f"  4200       4210 G1   {msg}"

        return (
            ["Start:              2026/04/02 08:00:00.000 (UTC+0:00)"]
            + [
                live(i, f"CLogin::run(), trying connection to {p}, mode = 1")
                for i, p in enumerate(ids)
            ]
            + [
                live(n + i, f"SessionStatistics[3] Session to {p} ended.")
                for i, p in enumerate(ids)
            ]
        )
    if kind == "anydesk":

        def trace(i: int, fiber: int, logger: str, msg: str) -> str:
            stamp = f"{_stamp(i):%Y-%m-%d %H:%M:%S.%f}"[:-3]
            return f"   info {stamp}    service   main   1187   1187{fiber:>6}{logger:>33} - {msg}"

        request = "Received outgoing connection request for address {} (direct)."
        return (
            [trace(i, i, "app.service", request.format(p)) for i, p in enumerate(ids)]
            + [trace(n + i, i, "app.session", "5: Entering processing loop.") for i in range(n)]
            + [trace(2 * n + i, i, "app.session", "5: Processing done.") for i in range(n)]
        )
    if kind == "teamviewer-connections":
        return [
            "".join(
                column.ljust(32)
                for column in (
                    p,
                    "02-04-2026 08:00:00",
                    "02-04-2026 09:00:00",
                    "tech",
                    "RemoteControl",
                )
            )
            + "{"
            + f"{i:08x}-0000-4000-8000-000000000000"
            + "}"
            for i, p in enumerate(ids)
        ]
    raise ValueError(kind)


# --- hypothesis strategies -------------------------------------------------------------------


@dataclass(frozen=True)
class HostileInput:
    """One input: the bytes of a file, and the text lines a tail or `--parse` makes of it."""

    data: bytes
    label: str

    @property
    def lines(self) -> list[str]:
        text = self.data.replace(b"\x00", b"").decode("utf-8", errors="replace")
        return [line.rstrip("\r") for line in text.split("\n")]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")  # lone surrogates: invalid UTF-8


@st.composite
def hostile_inputs(draw: st.DrawFn, kind: str, max_run: int, max_lines: int) -> HostileInput:
    """Real lines of `kind`, some with a long run of one fragment spliced in, mixed with
    random bytes, NUL floods, invalid UTF-8, blank and white-space lines."""
    real = fixture_lines(kind)
    pieces: list[bytes] = []
    labels: list[str] = []
    for _ in range(draw(st.integers(1, max_lines))):
        choice = draw(st.integers(0, 10))
        if choice <= 4:  # a real line with a hostile run inside, mostly at a column break
            line = draw(st.sampled_from(real))
            breaks = [i for i, ch in enumerate(line) if ch == " "] or [0]
            at = draw(st.sampled_from(breaks) | st.integers(0, len(line)))
            fragment = draw(st.sampled_from(WHITE_FRAGMENTS) | st.sampled_from(FRAGMENTS))
            most = max(1, max_run // len(fragment))
            # The longest run, half of it, one that keeps the line just short enough to be
            # parsed in full (MAX_LINE_CHARS), or any.
            parsed_whole = max(1, min(most, (MAX_LINE_CHARS - len(line)) // len(fragment)))
            count = draw(
                st.sampled_from([most, most // 2 + 1, parsed_whole]) | st.integers(1, most)
            )
            pieces.append(_encode(line[:at] + fragment * count + line[at:]))
            labels.append(f"{fragment!r}x{count}")
        elif choice == 5:
            pieces.append(draw(st.binary(max_size=max_run)))
            labels.append("random bytes")
        elif choice == 6:
            pieces.append(b"\x00" * draw(st.just(max_run) | st.integers(1, max_run)))
            labels.append("NUL flood")
        elif choice == 7:
            pieces.append(draw(st.sampled_from(BAD_UTF8)) * draw(st.integers(1, max_run // 4 + 1)))
            labels.append("invalid UTF-8")
        elif choice == 8:
            blank = draw(st.sampled_from([b" ", b"\t", b" \t", b"\r"]))
            pieces.append(blank * draw(st.just(max_run // len(blank)) | st.integers(0, max_run)))
            labels.append("white space")
        elif choice == 9:
            text = draw(st.text(st.characters(exclude_categories=()), max_size=64))
            pieces.append(_encode(text))
            labels.append("random text")
        else:
            pieces.append(_encode(draw(st.sampled_from(real))))
            labels.append("real line")
    separator = draw(st.sampled_from([b"\n", b"\r\n", b"\n\x00\x00"]))
    return HostileInput(separator.join(pieces), ", ".join(labels))


def hostile_texts(max_size: int) -> st.SearchStrategy[str]:
    """Lines as `str`, lone surrogates included (a caller may hand the parser anything)."""
    return st.text(st.characters(exclude_categories=()), max_size=max_size) | st.builds(
        lambda fragment, count, line: line + fragment * count,
        st.sampled_from([*FRAGMENTS, LONE_SURROGATES[0], LONE_SURROGATES[1]]),
        st.integers(1, max_size),
        st.sampled_from([line for kind in PARSERS for line in fixture_lines(kind)]),
    )


# --- what runs on an input ------------------------------------------------------------------


def run_parser(kind: str, lines: Iterable[str]) -> SessionLogParser:
    """Everything the log side does with lines: feed, expire, take, finish, ask."""
    parser = PARSERS[kind]()
    for line in lines:
        parser.feed(line)
    parser.expire(FAR_FUTURE)
    parser.take_changed()
    parser.finish()
    for session in parser.sessions()[:100]:
        parser.last_line_at(session.key)
    return parser


def run_recognition(lines: list[str]) -> None:
    """Format recognition as `detect --parse` runs it on a file's first lines, and the
    partner-label and window rules on the lines as titles."""
    sample = [line for line in lines if line.strip()][:200]
    teamviewer.looks_like_incoming(sample)
    teamviewer.looks_like_connections(sample)
    teamviewer.looks_like_live_log(sample)
    anydesk.looks_like_trace(sample)
    rustdesk.looks_like_log(sample)
    with contextlib.suppress(ValueError):  # "not recognised" is an answer, not a failure
        recognise_app(Path("fuzz.log"), sample)
    for line in sample[:20]:
        common.split_partner_label(line[:2048])
        registry.match_window(line[:2048], None)
        registry.match_window(line[:2048] + " - AnyDesk", "ad_win#2", platform="win32")


# --- cost per byte --------------------------------------------------------------------------


def reference_pass(data: bytes) -> int:
    """A linear pass any line parser makes at least: split, decode, split into words, look
    for a separator. Its time is the yardstick of "linear" on this machine, right now."""
    seen = 0
    for raw in data.replace(b"\x00", b"").split(b"\n"):
        text = raw.decode("utf-8", errors="replace")
        seen += len(text.split()) + text.find(" - ")
    return seen


def cpu_time(work: Callable[[], object]) -> float:
    """CPU seconds of this thread for `work()`, the garbage collector off meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.thread_time()
        work()
        return time.thread_time() - start
    finally:
        if enabled:
            gc.enable()


def _best(work: Callable[[], object], repeat: int) -> float:
    return min(cpu_time(work) for _ in range(repeat))


@dataclass
class CostMeter:
    """Cost of work on an input as a multiple of the reference pass over the same input."""

    floor_s: float = 0.0
    worst: float = 0.0
    worst_label: str = ""
    worst_bytes: int = 0
    examples: int = 0
    total_bytes: int = 0
    ratios: list[float] = field(default_factory=list)

    def calibrate(self) -> None:
        sample = "\n".join(fixture_lines("anydesk")).encode()
        sample = (sample * (FLOOR_BYTES // len(sample) + 1))[:FLOOR_BYTES]
        self.floor_s = _best(lambda: reference_pass(sample), 20)

    def ratio(self, work: Callable[[], object], data: bytes, *, limit: float, label: str) -> float:
        """The cost ratio of `work` on `data`; measured again (best of 3) before it is
        reported over `limit`, so one hiccup of a loaded machine does not fail a run."""
        if not self.floor_s:
            self.calibrate()
        ratio = self._measure(work, data, 1)
        if ratio > limit:
            ratio = self._measure(work, data, 3)
        self.examples += 1
        self.total_bytes += len(data)
        self.ratios.append(ratio)
        if ratio > self.worst:
            self.worst, self.worst_label, self.worst_bytes = ratio, label, len(data)
        return ratio

    def _measure(self, work: Callable[[], object], data: bytes, repeat: int) -> float:
        spent = _best(work, repeat)
        yardstick = _best(lambda: reference_pass(data), max(repeat, 3)) + self.floor_s
        return spent / yardstick

    def summary(self) -> str:
        ordered = sorted(self.ratios) or [0.0]
        median = ordered[len(ordered) // 2]
        return (
            f"{self.examples} inputs, {self.total_bytes / 1e6:.1f} MB: cost per byte "
            f"{median:.1f}x the reference pass (median), worst {self.worst:.1f}x "
            f"({self.worst_bytes} bytes: {self.worst_label[:120]})"
        )


def growth(kind: str, n: int, factor: int = 4) -> float:
    """How much the parser's cost per byte grows from a log of n sessions to one of factor*n
    (`many_sessions`, best of 3 each): about 1 (or less) when linear, about `factor` when
    each line costs in proportion to the sessions open."""
    per_byte = []
    for size in (n, factor * n):
        lines = many_sessions(kind, size)
        total = sum(len(line) + 1 for line in lines)
        per_byte.append(_best(lambda lines=lines: run_parser(kind, lines), 3) / total)
    return per_byte[1] / per_byte[0]
