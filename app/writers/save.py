"""Save a corrected copy's bytes through safe_write: temporary file, then rename."""
from __future__ import annotations

from ..safe_write import write_atomic


def save_bytes(path: str, data: bytes, *, overwrite: bool) -> None:
    """Write data to path atomically; raises WriteRefused with the Chinese reason."""
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(data)
    write_atomic(path, write, overwrite=overwrite)
