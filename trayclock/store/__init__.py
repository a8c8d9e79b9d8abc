"""The local record of work: SQLite (stdlib sqlite3), one repository per aggregate. No Qt."""
