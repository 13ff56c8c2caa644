"""A candidate's saved answers are theirs: the store and its folder are readable by their owner
only, whatever the umask, and a store left readable by an older version is tightened on open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# SQLite gives its journal files the database's mode when it creates them; ones already there
# from before are tightened too.
COMPANIONS = ("-wal", "-shm", "-journal")


def make_private(store: Path) -> None:
    """Tighten the store's folder and files, creating the (empty) store file with its private
    mode before SQLite would create it with the umask's. Best effort: files of another owner, or
    on a read-only disk, are left as they are, and opening the store reports what matters."""
    _tighten(store.parent, FOLDER_MODE)
    if not store.exists():
        try:
            os.close(os.open(store, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        except OSError:
            return
    for path in (store, *(store.with_name(store.name + suffix) for suffix in COMPANIONS)):
        _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    try:
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & ~mode:
            path.chmod(stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        return
