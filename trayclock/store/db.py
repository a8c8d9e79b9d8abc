"""The SQLite file: open it safely (WAL, foreign keys, private), transactions, and migrations.

Opening never damages a file it does not understand: the header, the schema version
(`PRAGMA user_version`) and `PRAGMA quick_check` are read before anything is written, so a
corrupted file, a foreign file or a database from a newer trayclock is refused with a
`StoreError` naming the file, and left byte for byte as it was.

Each migration runs in one transaction; before it runs, the file is copied aside with
sqlite3's online backup API (`<name>.v<N>.<UTC stamp>.bak`), so a migration bug never
costs the technician their time records.

Times are stored as UTC ISO 8601 text with microseconds and a `Z`
(`2026-11-02T08:00:00.000000Z`): fixed width, so text order is time order and range
queries use the index, and readable in any SQLite shell when a customer disputes a line.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from trayclock.clock import SystemClock
from trayclock.config import paths

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32_768
PRIVATE_UMASK = 0o077
PRIVATE_FILE_MODE = 0o600

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
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot do what was asked; the message says which file and why."""


class TransientStoreError(StoreError):
    """The write failed for a reason that passes (disk space, a lock); retrying may succeed."""


class StoreFullError(TransientStoreError):
    """The disk (or the database's page limit) is full: nothing of the failed write was kept."""


class StoreBusyError(TransientStoreError):
    """Another process held the database longer than the busy timeout."""


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
    """Open (creating if needed) and migrate the store; refuse files it must not touch."""
    path = default_path() if path is None else Path(path)
    _refuse_foreign_file(path)
    old_umask = os.umask(PRIVATE_UMASK)  # -wal / -shm / backups are born private too
    if path.exists():
        # Judge an existing file through a read-only connection first: closing a read-write
        # one would checkpoint its WAL into the file, and a refused file must stay as it was.
        _inspect_read_only(path)
    try:
        conn = sqlite3.connect(
            path,
            isolation_level=None,
            check_same_thread=check_same_thread,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        conn.row_factory = sqlite3.Row
        try:
            version = _inspect(conn, path)
            os.chmod(path, PRIVATE_FILE_MODE)
            _configure(conn)
            _migrate(conn, path, version)
        except BaseException:
            conn.close()
            raise
    finally:
        os.umask(old_umask)
    return conn


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """Refuse a corrupted, newer or foreign database; return its schema version."""
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


def _inspect_read_only(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # cannot even open read-only (e.g. no -shm allowed): the checks run read-write
    try:
        _inspect(conn, path)
    finally:
        conn.close()


def _refuse_foreign_file(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"{path}: cannot read the database: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path}: not an SQLite database (corrupted, or another program's file). "
            "trayclock did not change it; move it aside to start a new store."
        )


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{path}: the database is corrupted or unreadable ({error}). trayclock did not "
            "change it; restore a backup (*.bak beside it) or move it aside."
        ) from error
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
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic unit of work (BEGIN IMMEDIATE … COMMIT); nested calls join the outer one.

    Any exception rolls everything back. SQLite's refusals (a constraint, a lock held too
    long) surface as `StoreError`; a full disk as `StoreFullError` and a lock held past the
    busy timeout as `StoreBusyError` (both `TransientStoreError`: worth retrying).
    """
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except (sqlite3.OperationalError, sqlite3.IntegrityError) as error:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        # Python reports the EXTENDED code (e.g. 2067 for a UNIQUE violation): compare the
        # primary code in its low byte.
        extended = getattr(error, "sqlite_errorcode", None)
        code = None if extended is None else extended & 0xFF
        if code == sqlite3.SQLITE_FULL:
            raise StoreFullError(f"the disk is full; the change was not saved ({error})") from error
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise StoreBusyError(
                f"the store is busy (another trayclock process is writing); not saved ({error})"
            ) from error
        if code == sqlite3.SQLITE_IOERR:  # a failing or full disk often reports as I/O error
            raise TransientStoreError(
                f"the disk could not be written; not saved ({error})"
            ) from error
        raise StoreError(f"the store could not save the change: {error}") from error
