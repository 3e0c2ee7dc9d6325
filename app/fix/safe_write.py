"""Writes that never leave a half-written file: a temporary file beside the target, then a rename."""
from __future__ import annotations

import os
import stat
import tempfile
import threading
from collections.abc import Callable

_UMASK_LOCK = threading.Lock()


class WriteRefused(Exception):
    """The target cannot be written; the message is the Chinese reason."""


def write_atomic(path: str, write: Callable[[str], None], *, overwrite: bool = True) -> None:
    """Call write(tmp_path), then rename the temporary file onto `path`."""
    folder = os.path.dirname(os.path.abspath(path))
    if not overwrite and os.path.exists(path):
        raise WriteRefused(f"目标文件已存在：{path}（如需覆盖请加 --force）")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~保存中-", suffix=os.path.splitext(path)[1], dir=folder)
    except OSError:
        raise WriteRefused(f"无法在文件夹“{folder}”中写入（只读或无权限），请换一个保存位置") from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, save_mode(path))
        os.replace(tmp, path)
    except PermissionError:
        raise WriteRefused(f"无法写入“{path}”：文件可能正在 Word/WPS/Excel 中打开，请关闭后重试") from None
    except OSError as exc:
        raise WriteRefused(f"无法写入“{path}”：{exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def save_mode(path: str) -> int:
    """The permissions a normal save gives `path`: an existing file keeps its own, a new one gets 0666 less the umask
    (a temporary file is created 0600, which would make the copy unreadable for colleagues)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    with _UMASK_LOCK:  # the umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def write_text_atomic(path: str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=True)


def write_bytes_atomic(path: str, data: bytes, *, overwrite: bool) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
    write_atomic(path, write, overwrite=overwrite)
