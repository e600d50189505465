"""Packaging: licence and citation, the wheel's contents, an sdist that passes its own tests, Binder, make's messages."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

import pytest
import yaml

import textmine as tm
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_dist  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_and_citation_agree_with_pyproject():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["license"] == "MIT"
    assert cff["version"] == project["version"] == tm.__version__
    assert cff["title"].startswith(project["name"])


def test_data_readme_states_the_rights_of_the_chapter():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "## Rights" in text and "**Known.**" in text and "**Not known.**" in text
    assert "not this\n  chapter" in text or "not this chapter" in text


def test_binder_configuration():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    req = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-c ../constraints.txt" in req and any(line.startswith("-e .[") for line in req)
    post = ROOT / "binder" / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    assert "scripts/lab.py --settings-only" in post.read_text(encoding="utf-8")


def test_make_announces_the_first_install():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "creating $(VENV) and installing the pinned dependencies (about 2-3 minutes, once)" in makefile


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return check_dist.build(tmp_path_factory.mktemp("dist"))


def test_wheel_has_the_licence_and_the_example_text(built):
    sdist, wheel = built
    names = check_dist.wheel_names(wheel)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "textmine/example_data/north-1989-soviet-foreign-policy.txt" in names
    assert not any(n.startswith(("tests/", "notebooks/", "data/")) for n in names)
    with zipfile.ZipFile(wheel) as z:
        text = z.read("textmine/example_data/north-1989-soviet-foreign-policy.txt")
    assert text == (ROOT / "data" / "north-1989-soviet-foreign-policy.txt").read_bytes()
    check_dist.check_wheel(wheel)  # tm.example_path() and tm.load work from the unpacked wheel alone


def test_sdist_carries_its_tests_and_passes_them(built, tmp_path):
    sdist, _ = built
    names = set(check_dist.sdist_names(sdist))
    for need in ("LICENSE", "CITATION.cff", "pyproject.toml", "tests/conftest.py", "tests/test_segment.py",
                 "data/north-1989-soviet-foreign-policy.txt", "textmine/example_data/periods.csv",
                 "notebooks/01-corpus.ipynb", "scripts/check_dist.py"):
        assert need in names, need
    tree = check_dist.run_sdist_tests(sdist, work=tmp_path)  # raises if a test fails
    assert (tree / "tests" / "test_example.py").is_file()
