"""The POSIX locks this process holds on a database, read from /proc/locks (Linux), for tests
that a reader never drops them (docs/reliability.md)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

Locks = Counter[tuple[str, str, str, str]]


def held_locks(database: Path) -> Locks:
    """This process's POSIX locks on the database file and its -shm file: (which file, read
    or write, first byte, last byte), counted. Files are told apart by inode, named by role
    (the -shm file is made anew when a database is reopened)."""
    roles = {
        os.stat(p).st_ino: role
        for role, p in (("db", database), ("shm", database.with_name(database.name + "-shm")))
        if p.exists()
    }
    pid = str(os.getpid())
    held: Locks = Counter()
    with open("/proc/locks", encoding="ascii") as listing:  # not the database: a kernel table
        for line in listing:
            fields = line.split()
            if "->" in fields:  # a request still waiting, not a lock held
                continue
            kind, _advisory, mode, owner, device, start, end = fields[1:8]
            inode = int(device.rsplit(":", 1)[1])
            if kind == "POSIX" and owner == pid and inode in roles:
                held[(roles[inode], mode, start, end)] += 1
    return held
