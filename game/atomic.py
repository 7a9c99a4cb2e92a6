"""Writing a file so that no crash, full disk or second writer leaves half of it: the bytes go to a
temporary file beside it, which is then renamed over it (one rename, atomic on every platform the game
runs on). Saves, results, settings, drafts and the classroom's files are all written this way.

Only an ordinary file (or none) is written over: a symbolic link, a pipe or a device at the path is refused
with an OSError saying so. Renaming over it would replace the link or the device itself (a research trial's
``--csv /dev/full`` turned the device into a file), and writing through a link would let whoever planted it
in a shared folder choose which file the game overwrites.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; readable by others
    (as the umask allows) unless ``private`` (keys). OSError (nothing written) when ``path`` is a link, a
    pipe, a device or a folder."""
    refuse_unordinary(path)
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


def refuse_unordinary(path: Path) -> None:
    """OSError when something other than an ordinary file is at ``path`` (nothing there is fine)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return                                  # cannot be looked at: the write itself will say why
    if stat.S_ISREG(mode):
        return
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else
            "a pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not an ordinary file")
    raise OSError(errno.EINVAL, f"{kind} is there, and only an ordinary file is written over: give the path of a "
                                "file (or of none yet)", str(path))
