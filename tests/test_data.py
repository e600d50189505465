"""The shipped data: the chapter is the given text, the tables are well-formed."""

import hashlib

from conftest import CHAPTER, ROOT

SHA256 = "7454d349528f43fc485a62d2768503b26b962939e98064daab329f9ffa138ca2"


def test_chapter_is_the_given_text():
    assert hashlib.sha256(CHAPTER.read_bytes()).hexdigest() == SHA256


def test_data_readme_states_the_sha256():
    assert SHA256 in (ROOT / "data" / "README.md").read_text(encoding="utf-8")
