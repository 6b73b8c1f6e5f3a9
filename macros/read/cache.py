"""Work a build need not redo when its input has not changed: the schema check of an unchanged catalogue file,
QR codes, Word and calendar files, the output scan of an unchanged page.

Each result is a file under the project's `.cache/` folder (git ignores it, `make clean` removes it), named by
the SHA-256 of everything the result depends on, the source code that makes it included: changed data or code
gives a new name, so an entry is never stale and nothing needs invalidating. Without a writable folder (a
read-only checkout) the work is simply done again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable

FOLDER = ".cache"


def key(*parts: bytes | str) -> str:
    """The SHA-256 of the parts, each length-prefixed so that no two lists of parts give the same bytes."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@functools.cache
def source_of(*modules) -> bytes:
    """The source of the modules that make a cached result: part of its key, so new code makes new entries."""
    return b"".join(Path(module.__file__).read_bytes() for module in modules)


class Cache:
    def __init__(self, root: Path | str | None):
        self.folder = Path(root) / FOLDER if root is not None else None

    def _path(self, kind: str, name: str) -> Path:
        return self.folder / kind / name[:2] / name

    def get(self, kind: str, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(kind, name).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, name: str, data: bytes) -> None:
        """Written whole or not at all (a temporary file renamed), so a build stopped half-way leaves no torn entry."""
        if self.folder is None:
            return
        path = self._path(kind, name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except OSError:
            pass

    def through(self, kind: str, name: str, make: Callable[[], bytes]) -> bytes:
        """The cached result named `name`, made (and kept) if there is none."""
        data = self.get(kind, name)
        if data is None:
            data = make()
            self.put(kind, name, data)
        return data
