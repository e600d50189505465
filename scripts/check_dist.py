"""Build the wheel and the sdist, and check that the sdist passes its own tests.

1. builds ``textmine-*.tar.gz`` and ``textmine-*.whl`` from the repository
   with setuptools' PEP 517 backend (no build isolation: the pinned
   setuptools of the environment, no download);
2. checks that the wheel carries the licence and the example data, and
   that ``tm.example_path()`` works from the installed wheel alone;
3. unpacks the sdist into a temporary folder, builds a wheel from it (so
   the sdist is complete), and runs a subset of the test suite *from the
   unpacked sdist* (its ``textmine``, its ``tests/``, its ``data/``).

Used by ``make dist`` and ``tests/test_packaging.py``.

    python scripts/check_dist.py [--out DIR] [--tests TEST ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Tests run from the unpacked sdist: reading, segmentation, the example data,
#: periods, findings and the command line (quick ones; together about 20 s).
SDIST_TESTS = (
    "tests/test_data.py",
    "tests/test_example.py",
    "tests/test_reading.py",
    "tests/test_segment.py",
    "tests/test_propose.py",
    "tests/test_findings.py",
)


def _backend(hook: str, source: Path, out: Path) -> Path:
    """Run ``setuptools.build_meta.<hook>(out)`` in *source*; the file it built."""
    code = f"import sys, setuptools.build_meta as b; print(b.{hook}(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", code, str(out)], cwd=source, check=True, capture_output=True, text=True)
    return out / done.stdout.strip().splitlines()[-1]


def build(out: Path, source: Path = ROOT) -> tuple[Path, Path]:
    """Build the sdist and the wheel of *source* into *out*."""
    out.mkdir(parents=True, exist_ok=True)
    return _backend("build_sdist", source, out), _backend("build_wheel", source, out)


def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        return z.namelist()


def sdist_names(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as t:
        return [m.name.split("/", 1)[1] for m in t.getmembers() if "/" in m.name]


def check_wheel(wheel: Path) -> None:
    names = wheel_names(wheel)
    need = ["textmine/example_data/north-1989-soviet-foreign-policy.txt", "textmine/example_data/periods.csv",
            "textmine/example_data/events.csv"]
    missing = [n for n in need if n not in names]
    lic = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    if missing or not lic:
        raise SystemExit(f"check_dist: the wheel lacks {missing + ([] if lic else ['dist-info/licenses/LICENSE'])}")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmp)
        code = ("import textmine as tm, pathlib; p = tm.example_path(); "
                "assert pathlib.Path(tm.__file__).is_relative_to(pathlib.Path(__import__('sys').argv[1])), tm.__file__; "
                "d = tm.load(p); assert tm.is_example(d) and len(d.paragraphs) > 0; print(p)")
        subprocess.run([sys.executable, "-c", code, tmp], cwd=tmp, check=True, env=_isolated_env(tmp))


def _isolated_env(path: str | Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["PYTHONPATH"] = str(path)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_sdist_tests(sdist: Path, tests: tuple[str, ...] = SDIST_TESTS, work: Path | None = None) -> Path:
    """Unpack *sdist*, build a wheel from it, and run *tests* from the unpacked tree."""
    work = Path(tempfile.mkdtemp(prefix="textmine-sdist-")) if work is None else work
    with tarfile.open(sdist) as t:
        t.extractall(work, filter="data")
    tree = next(p for p in work.iterdir() if p.is_dir() and p.name.startswith("textmine-"))
    check_wheel(_backend("build_wheel", tree, work / "wheel"))
    env = _isolated_env(tree)
    where = subprocess.run([sys.executable, "-c", "import textmine; print(textmine.__file__)"], cwd=tree, env=env,
                           check=True, capture_output=True, text=True).stdout.strip()
    if not Path(where).is_relative_to(tree):
        raise SystemExit(f"check_dist: the tests would import textmine from {where}, not from the sdist")
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=tree, env=env, check=True)
    return tree


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--tests", nargs="*", default=list(SDIST_TESTS))
    args = ap.parse_args(argv)
    sdist, wheel = build(args.out.resolve())
    print(f"check_dist: built {sdist.name} and {wheel.name} in {args.out}")
    check_wheel(wheel)
    print("check_dist: the wheel has LICENSE and the example data; tm.example_path() works from it")
    tree = run_sdist_tests(sdist, tuple(args.tests))
    print(f"check_dist: the sdist's own tests pass (run in {tree})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
