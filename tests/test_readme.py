"""README.md's tables of frames and functions are generated from the code and up to date."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_readme_tables_match_the_code():
    done = subprocess.run([sys.executable, "scripts/readme_tables.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


def test_readme_table_lists_every_frame_column(chapter):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, frame in chapter.frames().items():
        assert f"| `doc.{name}` |" in text and f"`{', '.join(map(str, frame.columns))}`" in text, name
