"""The desk's workspace: one SQLite database (WAL, every write a transaction) and a folder
of the files handed in, each stored under its SHA-256 (no name from a request is ever
part of a path)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zfxxgk.errors import ZfxxgkError

DATABASE = "desk.sqlite"
FILES = "files"
CACHE = "cache"
PASSWORD_FILE = "office-password.txt"
#: The suffixes a department may hand in (also the only suffixes a stored file gets).
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

SCHEMA = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL UNIQUE,
    added TEXT NOT NULL
);
CREATE TABLE uploads (
    id INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    time TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    suffix TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    page TEXT NOT NULL DEFAULT '',
    record TEXT NOT NULL DEFAULT '{}',
    report TEXT,
    agency TEXT,
    year INTEGER,
    edition TEXT,
    same_as INTEGER REFERENCES uploads(id)
);
CREATE INDEX uploads_by_department ON uploads(department_id, id);
CREATE INDEX uploads_by_hash ON uploads(sha256);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    event TEXT NOT NULL,
    department_id INTEGER,
    sha256 TEXT,
    address TEXT,
    detail TEXT
);
CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, expires REAL NOT NULL);
"""

#: The states of a department, as the office's page shows them.
OK, WARNINGS, ERRORS, UNREADABLE = "ok", "warnings", "errors", "unreadable"
#: Upload statuses whose report may be added up (no check error).
CLEAN = (OK, WARNINGS)


#: The longest name of a department (characters).
MAX_NAME = 200


class DeskError(ZfxxgkError, ValueError):
    """A workspace that cannot be made, opened or changed as asked."""

    slug = "desk"


def now() -> str:
    """The local time, to the second, as the pages show it."""
    return time.strftime("%Y-%m-%d %H:%M:%S")


def new_token() -> str:
    """A department's link token: 128 random bits from ``secrets``."""
    return secrets.token_urlsafe(16)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$salt$hash`` (hex) of the office's password."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    _, salt, _ = stored.split("$")
    return secrets.compare_digest(hash_password(password, bytes.fromhex(salt)), stored)


class Workspace:
    """A desk folder: the database, the stored files and the derived files' cache."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.database = self.folder / DATABASE
        self.files = self.folder / FILES
        self.cache = self.folder / CACHE

    # ----------------------------------------------------------------- making one

    @classmethod
    def create(cls, folder: str | os.PathLike[str], year: int) -> tuple[Workspace, str]:
        """A new workspace for ``year``; returns it and the office's password, which is
        written once to an owner-only file in it (never shown again)."""
        ws = cls(folder)
        ws.folder.mkdir(parents=True, exist_ok=True)
        if ws.database.exists() or (ws.folder / PASSWORD_FILE).exists():
            raise DeskError.of("desk-exists", file=str(folder))
        ws.files.mkdir(exist_ok=True)
        ws.cache.mkdir(exist_ok=True)
        password = secrets.token_urlsafe(12)
        fd = os.open(ws.folder / PASSWORD_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(password + "\n")
        with ws.connect() as db:
            db.executescript(SCHEMA)
            with ws.transaction(db):
                for key, value in (
                    ("year", str(year)),
                    ("secret", secrets.token_hex(32)),
                    ("password", hash_password(password)),
                    ("closed", "0"),
                    ("created", now()),
                ):
                    db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
        return ws, password

    def check(self) -> Workspace:
        """This workspace, or a one-line error when the folder holds none."""
        if not self.database.is_file():
            raise DeskError.of("desk-missing", file=str(self.folder))
        return self

    # ------------------------------------------------------------------ database

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own (one per request or thread), closed after use."""
        db = sqlite3.connect(self.database, timeout=60, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    @staticmethod
    @contextlib.contextmanager
    def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any error."""
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def settings(self) -> dict[str, str]:
        with self.connect() as db:
            return {r["key"]: r["value"] for r in db.execute("SELECT key, value FROM settings")}

    def set_setting(self, key: str, value: str) -> None:
        with self.connect() as db, self.transaction(db):
            db.execute("UPDATE settings SET value = ? WHERE key = ?", (value, key))

    def add_department(self, name: str) -> str:
        """Add a department; returns its token."""
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME:
            raise DeskError.of("desk-name-invalid", name=name, limit=MAX_NAME)
        token = new_token()
        with self.connect() as db, self.transaction(db):
            if db.execute("SELECT 1 FROM departments WHERE name = ?", (name,)).fetchone():
                raise DeskError.of("desk-name-exists", name=name)
            db.execute(
                "INSERT INTO departments (name, token, added) VALUES (?, ?, ?)",
                (name, token, now()),
            )
        return token

    def department_by_token(self, token: str) -> sqlite3.Row | None:
        with self.connect() as db:
            row: sqlite3.Row | None = db.execute(
                "SELECT * FROM departments WHERE token = ?", (token,)
            ).fetchone()
            return row

    def department(self, department_id: int) -> sqlite3.Row | None:
        with self.connect() as db:
            row: sqlite3.Row | None = db.execute(
                "SELECT * FROM departments WHERE id = ?", (department_id,)
            ).fetchone()
            return row

    def departments(self) -> list[sqlite3.Row]:
        with self.connect() as db:
            return list(db.execute("SELECT * FROM departments ORDER BY id"))

    def uploads(self, department_id: int) -> list[sqlite3.Row]:
        """A department's uploads, the latest first."""
        with self.connect() as db:
            return list(
                db.execute(
                    "SELECT * FROM uploads WHERE department_id = ? ORDER BY id DESC",
                    (department_id,),
                )
            )

    def upload(self, upload_id: int, department_id: int | None = None) -> sqlite3.Row | None:
        """One upload; with ``department_id``, only if it is that department's."""
        with self.connect() as db:
            row: sqlite3.Row | None = db.execute(
                "SELECT * FROM uploads WHERE id = ?", (upload_id,)
            ).fetchone()
        if row is None or (department_id is not None and row["department_id"] != department_id):
            return None
        return row

    def latest(self) -> dict[int, sqlite3.Row]:
        """Each department's latest upload, by department id."""
        with self.connect() as db:
            rows = db.execute(
                "SELECT u.* FROM uploads u JOIN (SELECT department_id, MAX(id) AS id FROM "
                "uploads GROUP BY department_id) m ON u.id = m.id"
            )
            return {r["department_id"]: r for r in rows}

    def counts(self) -> dict[int, int]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT department_id, COUNT(*) AS n FROM uploads GROUP BY department_id"
            )
            return {r["department_id"]: r["n"] for r in rows}

    def same_bytes(self, department_id: int, sha256: str) -> sqlite3.Row | None:
        """The department's earliest upload of these very bytes, if any."""
        with self.connect() as db:
            row: sqlite3.Row | None = db.execute(
                "SELECT * FROM uploads WHERE department_id = ? AND sha256 = ? ORDER BY id LIMIT 1",
                (department_id, sha256),
            ).fetchone()
            return row

    def record_upload(self, values: dict[str, Any], address: str) -> int:
        """Store an upload and its audit line in one transaction; returns its id."""
        columns = (
            "department_id",
            "time",
            "name",
            "sha256",
            "suffix",
            "size",
            "status",
            "errors",
            "warnings",
            "message",
            "page",
            "record",
            "report",
            "agency",
            "year",
            "edition",
            "same_as",
        )
        row = tuple(values.get(c) for c in columns)
        marks = ", ".join("?" for _ in columns)
        with self.connect() as db, self.transaction(db):
            cursor = db.execute(
                f"INSERT INTO uploads ({', '.join(columns)}) VALUES ({marks})",
                row,
            )
            upload_id = int(cursor.lastrowid or 0)
            self._audit(
                db, "upload", values["department_id"], values["sha256"], address, str(upload_id)
            )
        return upload_id

    def audit(
        self,
        event: str,
        department_id: int | None = None,
        sha256: str | None = None,
        address: str | None = None,
        detail: str | None = None,
    ) -> None:
        with self.connect() as db, self.transaction(db):
            self._audit(db, event, department_id, sha256, address, detail)

    @staticmethod
    def _audit(
        db: sqlite3.Connection,
        event: str,
        department_id: int | None,
        sha256: str | None,
        address: str | None,
        detail: str | None,
    ) -> None:
        db.execute(
            "INSERT INTO audit (time, event, department_id, sha256, address, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now(), event, department_id, sha256, address, detail),
        )

    def audit_lines(self) -> list[sqlite3.Row]:
        with self.connect() as db:
            return list(db.execute("SELECT * FROM audit ORDER BY id"))

    # ------------------------------------------------------------------ sessions

    def new_session(self, hours: float = 8) -> str:
        token = secrets.token_urlsafe(32)
        with self.connect() as db, self.transaction(db):
            db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
            db.execute(
                "INSERT INTO sessions (id_hash, expires) VALUES (?, ?)",
                (_digest(token), time.time() + hours * 3600),
            )
        return token

    def session_valid(self, token: str) -> bool:
        with self.connect() as db:
            row = db.execute(
                "SELECT expires FROM sessions WHERE id_hash = ?", (_digest(token),)
            ).fetchone()
        return row is not None and float(row["expires"]) > time.time()

    def end_session(self, token: str) -> None:
        with self.connect() as db, self.transaction(db):
            db.execute("DELETE FROM sessions WHERE id_hash = ?", (_digest(token),))

    # ------------------------------------------------------------------- files

    def stored_path(self, sha256: str, suffix: str) -> Path:
        """Where the bytes of ``sha256`` are kept (the suffix from :data:`SUFFIXES`)."""
        if suffix not in SUFFIXES or len(sha256) != 64 or not _is_hex(sha256):
            raise DeskError.of("desk-stored-name")
        return self.files / f"{sha256}{suffix}"

    def store(self, source: Path, sha256: str, suffix: str) -> Path:
        """Move ``source`` (a temporary file in the workspace) to its place by hash,
        synced to disk; an identical file already there is kept."""
        target = self.stored_path(sha256, suffix)
        if target.exists():
            source.unlink()
            return target
        with open(source, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(source, target)
        _sync_folder(self.files)
        return target


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
