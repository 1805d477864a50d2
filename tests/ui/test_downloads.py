"""The page's download folder: one file per distinct content, under the name the user will see."""

from __future__ import annotations

from pathlib import Path

from ui.downloads import DownloadFolder


def test_same_content_reuses_its_file_and_names_are_kept() -> None:
    folder = DownloadFolder(prefix="clerk-test-downloads-")
    first = folder.write("commitments.csv", b"id,kind\n1,decision\n")
    again = folder.write("commitments.csv", b"id,kind\n1,decision\n")
    other = folder.write("commitments.csv", b"id,kind\n2,action\n")
    assert first == again and first != other
    assert Path(first).name == Path(other).name == "commitments.csv"
    assert Path(other).read_bytes() == b"id,kind\n2,action\n"
    assert len(list(folder.root.iterdir())) == 2
    assert Path(folder.write("../../escape.docx", b"x")).parent.parent == folder.root  # a name, never a path
