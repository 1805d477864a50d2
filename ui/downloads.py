"""Files the page offers for download (a register CSV, a briefing note), kept in one folder per process.

Gradio serves a download from a path on disk. Writing each file under its content's hash reuses the file
when the same thing is asked for again, and the folder is removed when the process exits, so a long-running
server does not leave a temporary folder behind per click.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path


class DownloadFolder:
    def __init__(self, prefix: str = "clerk-downloads-") -> None:
        self.root = Path(tempfile.mkdtemp(prefix=prefix))
        atexit.register(shutil.rmtree, self.root, ignore_errors=True)

    def write(self, name: str, data: bytes) -> str:
        """Store `data` to be downloaded as `name`; the path to hand to a Gradio download component."""
        folder = self.root / hashlib.sha256(data).hexdigest()[:16]
        folder.mkdir(exist_ok=True)
        path = folder / Path(name).name
        if not path.exists():
            path.write_bytes(data)
        return str(path)
