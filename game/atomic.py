"""Writing a file so that no crash, full disk or second writer leaves half of it: the bytes go to a
temporary file beside it, which is then renamed over it (one rename, atomic on every platform the game
runs on). Saves, results, settings, drafts and the classroom's files are all written this way.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; readable by others
    (as the umask allows) unless ``private`` (keys)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if not private:
            umask = os.umask(0o022)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
