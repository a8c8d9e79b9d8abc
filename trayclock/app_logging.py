"""trayclock's own log: a rotating file in the log folder, and warnings on stderr."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from trayclock.config import Paths

LOG_FILE_NAME = "trayclock.log"
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(app_paths: Paths) -> None:
    """INFO and up to the log file, WARNING and up to stderr; a no-op when set up already."""
    root = logging.getLogger()
    if root.handlers:  # a test or the demo set it up already
        return
    root.setLevel(logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.WARNING)
    root.addHandler(stderr)
    file_handler = RotatingFileHandler(
        app_paths.log_dir / LOG_FILE_NAME,
        maxBytes=LOG_FILE_BYTES,
        backupCount=LOG_FILE_BACKUPS,
        encoding="utf-8",
    )
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(file_handler)
