"""Hostile submissions: a student who tries to fool the grader earns exactly what their honest work earns.

Each attack in ``tests/data/assignments-toy/hostile/*.py`` is appended as the
last cell of the untouched toy student version (so no exercise is answered:
each must score 0), and graded in one batch with three honest controls (the
solution: 6, the blank version: 0, one exercise right: 3). The tests then
check each score, that every other submission was graded, that the grader
was not signalled, that no process of any sandbox is left, that nothing
reached a server on the grading machine, that the grades folder cannot be
rewritten afterwards, and that no byte of the solution reached a report.
Every attack prints an ``ATTACK`` line, kept in the executed notebooks, to
show that it ran.

The attacks are the ones the issue lists (they scored up to 14/14 before the
sandbox), plus reading another submission, the network, links planted in the
answers folder, an output flood and a memory hog. The same attack on the real
assignment 3 is graded in test_assignments.py (one full run).

These tests need the bubblewrap sandbox. Where it cannot run they skip and
say why; with ``TEXTMINE_REQUIRE_SANDBOX=1`` (``.ci/run`` sets it) they fail
instead.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import signal
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from textmine.assignments.build import build_student_versions
from textmine.assignments.grade import grade_submissions, make_options
from textmine.assignments.sandbox import Sandbox, find_bwrap, grader_paths_visible, sandbox_problem
from textmine.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
TOY_DIR = ROOT / "tests" / "data" / "assignments-toy"
HOSTILE = TOY_DIR / "hostile"
ATTACKS = sorted(p.stem for p in HOSTILE.glob("*.py"))
PROBLEM = sandbox_problem()
MARK = f"textmine-hostile-{uuid.uuid4().hex[:12]}"
SOLUTION_TEXT = ("max(words, key=len)", "WORDS.count(\"the\")")

if PROBLEM is not None and os.environ.get("TEXTMINE_REQUIRE_SANDBOX") == "1":
    raise RuntimeError(f"TEXTMINE_REQUIRE_SANDBOX=1, but the sandbox cannot run here: {PROBLEM}")
pytestmark = pytest.mark.skipif(PROBLEM is not None, reason=f"the bubblewrap sandbox cannot run here: {PROBLEM}")


def write_hostile(folder: Path, student: Path, *, port: int, mark: str) -> list[str]:
    """Write one submission per attack into *folder*: the student version plus the attack as its last cell."""
    names = []
    for path in sorted(HOSTILE.glob("*.py")):
        nb = nbformat.read(student, as_version=4)
        code = path.read_text(encoding="utf-8").replace("__PORT__", str(port)).replace("__MARK__", mark)
        nb.cells.append(new_code_cell(code))
        nbformat.write(nb, folder / f"{path.stem}.ipynb")
        names.append(path.stem)
    return names


class _Answers(http.server.BaseHTTPRequestHandler):
    """A server on the grading machine's loopback that hands out the answers to whoever asks."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).hits.append(self.path)
        body = b'n_the = 3\ndef longest(words):\n    return max(words, key=len)\n'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _marked_processes(mark: str) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if mark.encode() in f.read():
                        out.append(int(d))
            except OSError:
                pass
    return out


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    subs = tmp / "submissions"
    subs.mkdir()
    build_student_versions(TOY_DIR / "toy.ipynb", out=tmp / "student")
    student = tmp / "student" / "toy.ipynb"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Answers.hits = []
    try:
        write_hostile(subs, student, port=server.server_address[1], mark=MARK)
        shutil.copy(TOY_DIR / "toy.ipynb", subs / "solution.ipynb")
        shutil.copy(student, subs / "blank.ipynb")
        shutil.copy(TOY_DIR / "submissions" / "one-exercise-right.ipynb", subs / "one-exercise-right.ipynb")
        got_signal: list[int] = []
        old = signal.signal(signal.SIGTERM, lambda s, f: got_signal.append(s))
        t0 = time.monotonic()
        try:
            grades = grade_submissions(subs, solutions=TOY_DIR, out=tmp / "grades", jobs=3, cell_timeout=20,
                                       check_timeout=8, keep_executed=True, _grace=3)
        finally:
            signal.signal(signal.SIGTERM, old)
        seconds = time.monotonic() - t0
        right_after = _digest(tmp / "grades")
        left = _marked_processes(MARK)
        time.sleep(3)  # give a surviving daemon the time to rewrite scores.csv
        later = _digest(tmp / "grades")
        yield {"grades": grades, "out": tmp / "grades", "hits": list(_Answers.hits), "left": left,
               "changed": [k for k in right_after if later.get(k) != right_after[k]], "signals": got_signal,
               "seconds": seconds}
    finally:
        server.shutdown()
        for pid in _marked_processes(MARK):  # never leave an attack running, whatever happened
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _row(hostile, student):
    return hostile["grades"].submissions.set_index("student").loc[student]


def _printed(hostile, student) -> str:
    nb = nbformat.read(hostile["out"] / "executed" / f"{student}.ipynb", as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_scores_what_its_honest_work_earns(hostile, attack):
    row = _row(hostile, attack)
    lost = hostile["grades"].scores[hostile["grades"].scores["student"] == attack][["check", "status", "reason"]]
    assert row["points"] == 0 and row["max_points"] == 6, lost.values.tolist()
    assert (lost["reason"].str.len() > 0).all()  # a reason for every lost point


@pytest.mark.parametrize("attack", [a for a in ATTACKS if a != "flood-output"])
def test_each_attack_ran(hostile, attack):
    assert f"ATTACK {attack}" in _printed(hostile, attack)


def test_honest_submissions_in_the_same_run_are_graded_as_usual(hostile):
    points = hostile["grades"].submissions.set_index("student")["points"].to_dict()
    assert points["solution"] == 6 and points["blank"] == 0 and points["one-exercise-right"] == 3
    assert len(points) == len(ATTACKS) + 3  # every submission has its grade: the run completed
    assert set(hostile["grades"].submissions["status"]) <= {"graded", "timeout", "kernel_died"}


def test_the_grader_was_not_signalled_and_no_process_is_left(hostile):
    assert hostile["signals"] == []
    assert hostile["left"] == []  # nothing started by any sandbox outlives the run
    assert "parent is 1" in _printed(hostile, "kill-grader")  # its parent is the sandbox's own init
    assert "still here" in _printed(hostile, "kill-grader")
    for sub in hostile["grades"].results:
        assert not any("outlived" in n for n in sub.notes), sub.notes


def test_the_grades_cannot_be_rewritten_after_the_run(hostile):
    assert hostile["changed"] == []
    scores = hostile["grades"].scores
    assert scores[scores["student"] == "rewrite-scores"]["points"].sum() == 0


def test_nothing_reaches_the_network(hostile):
    assert hostile["hits"] == []  # the server on the grading machine's loopback was never asked
    printed = _printed(hostile, "network")
    assert "loopback failed" in printed and "internet failed" in printed


def test_no_solution_or_other_submission_is_readable(hostile):
    assert "ATTACK read-solution: found []" in _printed(hostile, "read-solution")
    assert "ATTACK read-other: found []" in _printed(hostile, "read-other")


def test_links_in_the_answers_folder_are_not_followed(hostile):
    assert "index-1.json" in _printed(hostile, "link-answers")  # the links were planted
    out = hostile["out"]
    files = [out / "feedback" / "link-answers.md", out / "gradescope" / "link-answers" / "results.json"]
    scores = hostile["grades"].scores
    texts = [f.read_text() for f in files] + scores[scores["student"] == "link-answers"]["reason"].tolist()
    assert not any(s in t for s in SOLUTION_TEXT for t in texts)


def test_output_flood_and_memory_hog_stay_in_their_sandbox(hostile):
    assert any("printed more than 2 MB" in n for n in hostile["grades"].results[
        [s.student for s in hostile["grades"].results].index("flood-output")].notes)
    assert "ATTACK memory-hog: MemoryError" in _printed(hostile, "memory-hog")


def test_the_run_takes_reasonable_time(hostile):
    # Not a benchmark: a guard against a sandbox that waits for its time limits.
    assert hostile["seconds"] < 600


# --------------------------------------------------------------------------- the sandbox itself


def test_sandbox_command_has_the_isolation_flags():
    box = Sandbox("/usr/bin/bwrap", readable=[ROOT / "textmine"], writable=[Path("/tmp/x")], env={"A": "1"})
    cmd = box.command(["python", "-m", "ipykernel_launcher"])
    for flag in ("--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--die-with-parent",
                 "--new-session", "--clearenv"):
        assert flag in cmd
    assert cmd[cmd.index("--uid") + 1] == "65534"
    i = cmd.index(str(ROOT / "textmine"))
    assert cmd[i - 1] == "--ro-bind" and cmd[cmd.index("/tmp/x") - 1] == "--bind"
    assert "RLIMIT_AS" in cmd and cmd[cmd.index("RLIMIT_AS") + 1] == str(4096 << 20)
    assert str(ROOT) not in cmd  # the checkout (with the solutions) is not visible, only its package
    assert grader_paths_visible(box, [ROOT / "notebooks" / "assignments" / "solutions", ROOT / "textmine" / "x.ipynb", ROOT]) == [
        ROOT / "textmine" / "x.ipynb"]  # the checkout holds the package, but is not shown itself


def test_a_solution_the_sandbox_would_show_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(TOY_DIR / "toy.ipynb", data / "toy.ipynb")  # the solutions kept in the data folder
    with pytest.raises(InputError, match="would be visible to the students' code"):
        grade_submissions(TOY_DIR / "submissions" / "one-exercise-right.ipynb", solutions=data, data_dir=data)


def test_without_bubblewrap_the_grader_says_so_and_needs_the_unsafe_flag(monkeypatch):
    monkeypatch.setenv("TEXTMINE_BWRAP", "")
    with pytest.raises(InputError, match="bubblewrap \\(bwrap\\) is not installed.*--unsafe-no-sandbox"):
        make_options()
    opts = make_options(unsafe_no_sandbox=True)
    assert opts.bwrap is None
    monkeypatch.delenv("TEXTMINE_BWRAP")
    assert make_options().bwrap == find_bwrap()
