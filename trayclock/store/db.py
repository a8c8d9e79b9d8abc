"""The SQLite file: open it safely (WAL, foreign keys, private), transactions, and migrations.

Opening never damages a file it does not understand: the header, the schema version
(`PRAGMA user_version`) and `PRAGMA quick_check` are read before anything is written, so a
corrupted file, a foreign file or a database from a newer trayclock is refused with a
`StoreError` naming the file, and left byte for byte as it was. So are an empty (0-byte)
file and a symbolic link to nothing: a new store is built beside its place and moved in
whole, so neither is ever one trayclock left, and making a fresh store there could hide the
real one (a truncated copy, a drive not mounted). Why an open or a write failed is told
truly (trayclock.store.failures): a full disk, a read-only file or mount, a busy lock.
A command that only reads (`export`, `entries list`) opens through `connect_for_reading`:
the same refusals but the whole-file `quick_check` (it is O(file size)), on a connection
that cannot write; every connection that writes is checked whole first (see there why).

Each migration runs in one transaction; before it runs, the file is copied aside with
sqlite3's online backup API (`<name>.v<N>.<UTC stamp>.bak`), so a migration bug never
costs the technician their time records.

Times are stored as UTC ISO 8601 text with microseconds and a `Z`
(`2026-11-02T08:00:00.000000Z`): fixed width, so text order is time order and range
queries use the index, and readable in any SQLite shell when a customer disputes a line.

Why this module is long: MIGRATIONS, the schema's whole history, lives here append-only and
grows with every version (over a hundred lines of SQL); the opening, migrating and
transaction code around it stays under 400, and what was separable went to failures.py
(why an open or a write failed) and file_checks.py (the file judged before SQLite sees it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from trayclock.clock import SystemClock
from trayclock.config import paths
from trayclock.store.failures import (
    StoreBusyError as StoreBusyError,
)
from trayclock.store.failures import (
    StoreError as StoreError,
)
from trayclock.store.failures import (
    StoreFullError as StoreFullError,
)
from trayclock.store.failures import (
    StoreReadOnlyError as StoreReadOnlyError,
)
from trayclock.store.failures import (
    TransientStoreError as TransientStoreError,
)
from trayclock.store.failures import (
    diagnose,
    error_for,
    opening_message,
    primary_code,
    read_only_cause,
    writing_message,
)
from trayclock.store.file_checks import (
    PRIVATE_FILE_MODE,
    make_private,
    refuse_foreign_file,
    refuse_read_only,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32_768
PRIVATE_UMASK = 0o077

# Version N is reached by running MIGRATIONS[N - 1]. Append only; never edit a shipped one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            external_ids TEXT NOT NULL DEFAULT '{}',
            policy TEXT NOT NULL DEFAULT '{}',
            contract TEXT,
            archived INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE partner_mappings (
            app TEXT NOT NULL,
            partner_id TEXT NOT NULL,
            customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            partner_name TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (app, partner_id)
        )""",
        """CREATE TABLE entries (
            uuid TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            session_key TEXT,
            partner_id TEXT,
            partner_name TEXT,
            start TEXT NOT NULL,
            "end" TEXT,
            heartbeat TEXT NOT NULL,
            end_reason TEXT,
            customer_id INTEGER REFERENCES customers(id),
            ticket TEXT,
            notes TEXT NOT NULL DEFAULT '',
            billable INTEGER NOT NULL DEFAULT 1,
            approved INTEGER NOT NULL DEFAULT 0,
            reviewed INTEGER NOT NULL DEFAULT 0,
            attempt INTEGER NOT NULL DEFAULT 0,
            overlap INTEGER NOT NULL DEFAULT 0,
            discarded INTEGER NOT NULL DEFAULT 0,
            sync_state TEXT NOT NULL DEFAULT 'local',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ("end" IS NULL OR "end" >= start)
        )""",
        "CREATE INDEX entries_start ON entries (start)",
        'CREATE INDEX entries_running ON entries ("end") WHERE "end" IS NULL',
        "CREATE INDEX entries_customer ON entries (customer_id)",
        # One row per detected session key: the entry (piece) the session currently feeds.
        # This is what makes a replayed or re-detected session never produce a second entry.
        """CREATE TABLE session_links (
            app TEXT NOT NULL,
            session_key TEXT NOT NULL,
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            PRIMARY KEY (app, session_key)
        )""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            at TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            reason TEXT NOT NULL
        )""",
        "CREATE INDEX audit_entry ON audit (entry_uuid, id)",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
    # 2: indexes for the tracker's reads and the overlap refresh (`store/time_index.py`).
    (
        # The end of an entry, a running one's as the latest time there is: entries sharing
        # time with a late window are found without passing the whole history.
        """CREATE INDEX entries_end_or_open
            ON entries (coalesce("end", '9999-12-31T23:59:59.999999Z'))""",
        # A reconnect: the entry of this app and partner that ended last.
        'CREATE INDEX entries_partner ON entries (source, partner_id, "end")',
        # The pieces of one detected session.
        "CREATE INDEX entries_session ON entries (source, session_key, start)",
    ),
    # An entry's pauses (`trayclock.domain.pauses`, `store/pause_rows.py`): stretches inside
    # it not worked (accepted), idle stretches proposed to the technician (suggested) and
    # the proposals turned down (rejected), each with who or what made it.
    (
        """CREATE TABLE pauses (
            id INTEGER PRIMARY KEY,
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('accepted', 'suggested', 'rejected')),
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ("end" > start)
        )""",
        "CREATE INDEX pauses_entry ON pauses (entry_uuid, start)",
        # The unanswered suggestions (the tray's and the review's list), without a scan.
        "CREATE INDEX pauses_suggested ON pauses (start) WHERE state = 'suggested'",
    ),
    # The sync outbox (`store/outbox.py`): one row per (backend, entry), updated in place;
    # each backend's pause and backoff; every entry's change counter (its revision).
    (
        "ALTER TABLE entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE outbox (
            backend TEXT NOT NULL,
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            state TEXT NOT NULL,
            revision INTEGER NOT NULL,
            sent_revision INTEGER,
            sending_revision INTEGER,
            sending_owned TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            remote_id TEXT,
            remote_version TEXT,
            remote_owned TEXT,
            sent_digest TEXT,
            invoiced INTEGER NOT NULL DEFAULT 0,
            conflict TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (backend, entry_uuid)
        )""",
        "CREATE INDEX outbox_waiting ON outbox (backend, state, attempts) WHERE state != 'synced'",
        "CREATE INDEX outbox_entry ON outbox (entry_uuid)",
        """CREATE TABLE sync_backends (
            backend TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            retry_at TEXT,
            problem TEXT,
            problem_text TEXT,
            last_success_at TEXT,
            last_attempt_at TEXT,
            customers_at TEXT,
            updated_at TEXT NOT NULL
        )""",
    ),
    # Migration 5. Contract balance checkpoints (`store/contract_balances.py`): per month, the quiet
    # moments that bound it and what each customer's billed entries in between weighed.
    (
        """CREATE TABLE balance_months (
            month TEXT PRIMARY KEY,
            basis TEXT NOT NULL,
            cut_start TEXT NOT NULL,
            cut_end TEXT NOT NULL,
            month_end TEXT NOT NULL
        )""",
        "CREATE INDEX balance_months_span ON balance_months (month_end, cut_start)",
        """CREATE TABLE balance_draws (
            month TEXT NOT NULL REFERENCES balance_months (month) ON DELETE CASCADE,
            customer_id INTEGER NOT NULL,
            minutes TEXT NOT NULL,
            PRIMARY KEY (month, customer_id)
        ) WITHOUT ROWID""",
        # Entries longer than (about) a day: with the start index over the last day, the
        # entries running at a moment are found without passing the history before it. The
        # condition is time_index.LONG_ENTRY, letter for letter (or SQLite ignores the index).
        """CREATE INDEX entries_long ON entries (start)
            WHERE julianday("end") - julianday(start) > 0.99""",
    ),
    # Migration 6. Why sync did what it did is stored as a reason (trayclock.domain.sync_reason:
    # a code and its parameters, as JSON), no longer as English text: the columns say so, and
    # a message an older trayclock wrote becomes the reason "as stored" with its text, shown
    # as it is (a conflict's "message" likewise becomes its "reason").
    (
        "ALTER TABLE outbox RENAME COLUMN last_error TO last_reason",
        """UPDATE outbox SET last_reason = json_object('code', 'as_stored', 'params',
            json_object('text', last_reason)) WHERE last_reason IS NOT NULL""",
        """UPDATE outbox SET conflict = json_set(json_remove(conflict, '$.message'), '$.reason',
            CASE WHEN coalesce(json_extract(conflict, '$.message'), '') = '' THEN NULL
            ELSE json_object('code', 'as_stored', 'params',
                json_object('text', json_extract(conflict, '$.message'))) END)
            WHERE json_valid(conflict)""",
        "ALTER TABLE sync_backends RENAME COLUMN problem_text TO problem_reason",
        """UPDATE sync_backends SET problem_reason = json_object('code', 'as_stored', 'params',
            json_object('text', problem_reason)) WHERE problem_reason IS NOT NULL""",
    ),
    # Migration 7: each checkpointed month's running sum (`store/contract_balances.py`): what every
    # month up to it drew, so a price reads one month's row, not the whole history's.
    ("ALTER TABLE balance_months ADD COLUMN drawn_through TEXT",),
)
SCHEMA_VERSION = len(MIGRATIONS)


def encode_time(moment: datetime) -> str:
    """Aware datetime → `2026-11-02T08:00:00.000000Z` (isoformat: C-fast, unlike strftime)."""
    if moment.tzinfo is None:
        raise ValueError("the store keeps aware datetimes only")
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    return naive.isoformat(timespec="microseconds") + "Z"


def decode_time(text: str) -> datetime:
    # fromisoformat reads the trailing Z since Python 3.11 and is ~20x faster than strptime.
    return datetime.fromisoformat(text)


def default_path() -> Path:
    """The database file in force (under TRAYCLOCK_HOME when set), its folder created private."""
    return paths().ensure().database


def connect(path: Path | None = None, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store; refuse files it must not touch.

    Every refusal is a `StoreError` whose message names the file and the true cause (see
    trayclock.store.failures): a full disk, a read-only file, folder or mount, another
    process holding the lock, a damaged file each get their own words and advice.
    """
    path = default_path() if path is None else Path(path)
    refuse_foreign_file(path)
    old_umask = os.umask(PRIVATE_UMASK)  # -wal / -shm / backups are born private too
    try:
        if not path.exists():
            _create(path)
        refuse_read_only(path)
        # Judge an existing file through a read-only connection first: closing a read-write
        # one would checkpoint its WAL into the file, and a refused file must stay as it was.
        inspected = _inspect_read_only(path)
        try:
            conn = sqlite3.connect(
                path,
                isolation_level=None,
                check_same_thread=check_same_thread,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error as error:
            raise _opening_error(path, error) from error
        conn.row_factory = sqlite3.Row
        try:
            # quick_check reads every page (220 ms at 64 MiB): once per open is enough.
            version = _user_version(conn) if inspected else _inspect(conn, path)
            make_private(path)
            _configure(conn)
            _migrate(conn, path, version)
        except sqlite3.Error as error:
            conn.close()
            raise _opening_error(path, error) from error
        except BaseException:
            conn.close()
            raise
    finally:
        os.umask(old_umask)
    return conn


def connect_for_reading(path: Path | None = None) -> sqlite3.Connection:
    """A connection that can only read, for a command that changes nothing (`export`,
    `entries list`): every refusal of `connect` but its whole-file integrity check.

    Why that check may be left out here: `PRAGMA quick_check` reads every page (0.12 s at
    100,000 entries, 88 MiB: most of what such a command's time grows by), and what it
    guards against is a write into a damaged file spreading the damage. This connection
    cannot write (SQLite's read-only mode, and `query_only`), so it damages nothing; a
    damaged page it does read SQLite refuses itself as SQLITE_CORRUPT (with
    `cell_size_check`, its extra checks of every page read), which the command reports as
    a corrupted store (`reading_error`), having changed nothing; the schema is read whole
    here, at the open. Every connection that writes is opened by `connect`, checked: a
    store that does not exist yet or needs a migration is opened so, and so is one a
    read-only look cannot open.
    """
    path = default_path() if path is None else Path(path)
    refuse_foreign_file(path)
    if path.exists():
        refuse_read_only(path)
        conn = _reader(path)
        if conn is not None:
            return conn
    return connect(path)


def _reader(path: Path) -> sqlite3.Connection | None:
    """The read-only connection, inspected and configured; None when `connect` must open it
    (a migration to run, or no read-only look possible here)."""
    old_umask = os.umask(PRIVATE_UMASK)  # the -wal and -shm it may make are private too
    try:
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error:
            return None
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA cell_size_check = ON")
            if _inspect(conn, path, integrity=False) != SCHEMA_VERSION:
                conn.close()
                return None
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the whole schema
            conn.execute("PRAGMA query_only = ON")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except sqlite3.Error as error:
            conn.close()
            if primary_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise _opening_error(path, error) from error
            return None
        except BaseException:
            conn.close()
            raise
        make_private(path)
        return conn
    finally:
        os.umask(old_umask)


def reading_error(path: Path, error: sqlite3.Error) -> StoreError:
    """What a failed read of the store `path` means (a damaged page: "corrupted"), told as
    an open's failure is: nothing was changed."""
    return _opening_error(path, error)


def _opening_error(path: Path, error: sqlite3.Error) -> StoreError:
    diagnosis = diagnose(path, error)
    return error_for(diagnosis, opening_message(path, diagnosis))


def _create(path: Path) -> None:
    """Build a new store beside `path` and move it into place whole.

    So a file at `path` is never one trayclock left half made (a full disk, a kill during
    the first migration): an empty or unreadable file there is someone else's, or damage,
    and is refused rather than silently made anew.
    """
    folder = path.parent
    if not folder.is_dir():
        raise StoreError(f"{path}: the folder {folder} does not exist (a drive not mounted?)")
    read_only = read_only_cause(path)
    if read_only is not None:
        raise StoreReadOnlyError(
            f"{path}: trayclock cannot create its database: {read_only}. Make the folder "
            "writable (its permissions, or remount the disk read-write) and start again."
        )
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.new-", dir=folder)
    except OSError as error:
        raise StoreError(f"{path}: cannot create the database: {error.strerror}") from error
    os.close(handle)
    building = Path(name)
    try:
        conn = sqlite3.connect(building, isolation_level=None)
        try:
            _configure(conn)
            _migrate(conn, building, 0)
        finally:
            conn.close()  # the last connection: checkpoints and removes the -wal
        _move_into_place(building, path)
    except sqlite3.Error as error:
        raise _opening_error(path, error) from error
    finally:
        for leftover in (building, *(building.with_name(building.name + s) for s in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _move_into_place(building: Path, path: Path) -> None:
    try:
        os.link(building, path)  # fails if another trayclock made one meanwhile: theirs stays
    except FileExistsError:
        return
    except OSError:  # a file system without hard links (FAT): rename, unless one appeared
        if not path.exists():
            os.replace(building, path)


def _inspect(conn: sqlite3.Connection, path: Path, *, integrity: bool = True) -> int:
    """Refuse a corrupted (`integrity`: the whole file checked), newer or foreign database;
    return its schema version."""
    if integrity:
        _check_readable(conn, path)
    version = _user_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: the database has schema version {version}, newer than this "
            f"trayclock understands ({SCHEMA_VERSION}). It was made by a newer trayclock; "
            "upgrade trayclock to open it. The file was not changed."
        )
    if version == 0:
        _refuse_unknown_tables(conn, path)
    return version


def _inspect_read_only(path: Path) -> bool:
    """Judge the file without writing; False when a read-only look is not possible here."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False  # cannot even open read-only (e.g. no -shm allowed): judged read-write
    try:
        _inspect(conn, path)
    except sqlite3.Error as error:
        if primary_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise _opening_error(path, error) from error
        return False  # a read-only look failed for another reason: judged read-write
    finally:
        conn.close()
    return True


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    """quick_check; a failure to run it is raised as it is (diagnosed by the caller)."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    if problems:
        raise StoreError(
            f"{path}: the database is corrupted ({'; '.join(problems[:3])}). trayclock did not "
            "change it; restore a backup (*.bak beside it) or move it aside."
        )


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _refuse_unknown_tables(conn: sqlite3.Connection, path: Path) -> None:
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    if tables:
        raise StoreError(
            f"{path}: an SQLite database, but not a trayclock store (it has tables "
            f"{', '.join(sorted(str(t[0]) for t in tables)[:5])} and no schema version). "
            "trayclock did not change it."
        )


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("SQLite refused WAL mode (got %s); continuing in that mode", mode)
    # FULL: a committed heartbeat survives a power cut too, not only a killed process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Room for a 10,000-entry import in one transaction without spilling pages mid-way.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        backup = backup_copy(conn, path, version)
        log.info("copied %s to %s before migrating", path, backup)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            for statement in MIGRATIONS[target - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
        log.info("migrated %s to schema version %d", path, target)


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the live database aside (consistent, even with WAL) and return the copy's path."""
    # The stamp only names the file; it decides nothing, so the real clock is fine here.
    stamp = SystemClock().now().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.v{version}.{stamp}.bak")
    try:
        copy = sqlite3.connect(target)
        try:
            conn.backup(copy)
        finally:
            copy.close()
        os.chmod(target, PRIVATE_FILE_MODE)
    except (sqlite3.Error, OSError) as error:
        with contextlib.suppress(OSError):  # a half-written copy is worthless
            target.unlink(missing_ok=True)
        raise StoreError(
            f"{path}: could not copy the database aside to {target.name} before upgrading it "
            f"({error}); nothing was changed. Free some disk space and start again."
        ) from error
    return target


@contextlib.contextmanager
def _unit(conn: sqlite3.Connection, begin: str) -> Iterator[None]:
    """`begin` … COMMIT, ROLLBACK on any exception."""
    conn.execute(begin)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def one_read(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Everything read inside sees one moment of the store (a deferred transaction, which
    takes no lock until something is written; inside a caller's transaction, that one)."""
    if conn.in_transaction:
        yield conn
        return
    with _unit(conn, "BEGIN"):
        yield conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work (BEGIN IMMEDIATE … COMMIT); nested calls join the outer one.

    Any exception rolls everything back. SQLite's refusals (a constraint) surface as
    `StoreError`; a full disk as `StoreFullError`, a lock held past the busy timeout as
    `StoreBusyError` and a file, folder or disk that became read-only as `StoreReadOnlyError`
    (all `TransientStoreError`: worth retrying), each with its true cause in the message.
    """
    if conn.in_transaction:
        yield conn
        return
    try:
        with _unit(conn, "BEGIN IMMEDIATE"):
            yield conn
    except sqlite3.DatabaseError as error:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        diagnosis = diagnose(_file_of(conn), error)
        message = writing_message(diagnosis, BUSY_TIMEOUT_MS / 1000)
        raise error_for(diagnosis, message) from error


def _file_of(conn: sqlite3.Connection) -> Path:
    """The main database file of `conn` (an in-memory one: the current folder)."""
    with contextlib.suppress(sqlite3.Error):
        found = file_of(conn)
        if found is not None:
            return Path(found)
    return Path.cwd() / ":memory:"


def file_of(conn: sqlite3.Connection) -> str | None:
    """The file `conn` has open (None: an in-memory database, which cannot be opened twice)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return str(row[2])
    return None


def open_again(path: str) -> sqlite3.Connection:
    """Another connection to a store already open (checked and migrated) at `path`, for use
    on another thread than the one that opened the first."""
    # mode=rw: a store gone meanwhile is an error, never a new empty file.
    other = sqlite3.connect(
        f"{Path(path).resolve().as_uri()}?mode=rw",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    other.row_factory = sqlite3.Row
    _configure(other)
    return other
