"""Two processes opening a new embedded store at once (an ingest and the server started together)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OPEN = ("import sys; from pathlib import Path; from vectorstore.chroma import make_client, open_collections; "
        "open_collections(make_client('embedded', path=Path(sys.argv[1])), 'clerk'); print('ok')")


def test_processes_opening_a_new_store_together_all_succeed(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    for attempt in range(3):
        path = tmp_path / f"chroma-{attempt}"
        procs = [subprocess.Popen([sys.executable, "-c", OPEN, str(path)], cwd=root, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(4)]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0 and out.strip() == b"ok", err.decode()[-500:]
