"""The sandbox each submission's kernel runs in: bubblewrap (``bwrap``).

bubblewrap is the unprivileged sandboxing tool Flatpak is built on (Debian
package ``bubblewrap``; ``scripts/install-sandbox.sh`` installs it). Each
submission's kernel runs as::

    bwrap --unshare-user --uid 65534 --gid 65534   # a user namespace; no capabilities
          --unshare-pid --die-with-parent           # own PID namespace: all its processes die with it
          --unshare-net                             # no network: only a loopback of its own
          --unshare-ipc --unshare-uts --unshare-cgroup-try
          --new-session                             # no terminal to inject keystrokes into
          --ro-bind /usr /usr (and /bin, /lib...)   # a read-only system
          --ro-bind <python> <venv> <textmine package> <data folder>   # read-only, nothing else
          --bind <ipc folder> --bind <answers folder>   # the only host folders it can write
          --tmpfs /tmp --tmpfs $HOME (size-limited) --proc /proc --dev /dev
          --clearenv --setenv ...                   # none of the grader's environment
          -- python -c <set rlimits> <the Jupyter kernel>

What is *not* visible inside: the solution notebooks and their hidden
checks, the rest of the course folder, other submissions, the grades
folder, the grader's home, temporary folder and environment variables
(:func:`grader_paths_visible` refuses to grade when a solution would be
visible). The kernel talks to the grader over ZeroMQ Unix sockets in its
ipc folder (a network namespace has its own TCP, so TCP ports would not be
reachable).

Limits: memory by ``RLIMIT_AS`` per process (``--memory``); file size by
``RLIMIT_FSIZE``; ``/tmp`` and home are tmpfs with a size; core dumps off;
processes by ``RLIMIT_NPROC`` when the grader is not root (for root the
kernel does not enforce it). rlimits rather than cgroups: they work for any
user, in containers and on cgroup v1 or v2 without delegation; their limit is
per process (a notebook that forks eight workers may use eight times the
memory), and the wall-clock limit ends every process anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Limits",
    "SandboxError",
    "find_bwrap",
    "sandbox_problem",
    "Sandbox",
    "namespace_of",
    "processes_in",
]

HOME = "/home/student"


class SandboxError(RuntimeError):
    """The sandbox cannot be used here (the message says why and what to do)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission's sandbox.

    Attributes
    ----------
    memory_mb : int
        Address space of each process (``RLIMIT_AS``), in MiB.
    file_mb : int
        Largest file a process may write (``RLIMIT_FSIZE``), in MiB.
    tmp_mb : int
        Size of each tmpfs (``/tmp``, the home folder, ``/dev/shm``), in MiB.
    processes : int
        Processes the sandbox may add (``RLIMIT_NPROC``; not enforced for root).
    """

    memory_mb: int = 4096
    file_mb: int = 256
    tmp_mb: int = 512
    processes: int = 256


def find_bwrap() -> str | None:
    """Path of the ``bwrap`` executable (``$TEXTMINE_BWRAP`` overrides), or None."""
    env = os.environ.get("TEXTMINE_BWRAP")
    if env is not None:
        return env if env and os.access(env, os.X_OK) else None
    return shutil.which("bwrap")


_LAUNCH = (
    "import os, resource, sys\n"
    "a = sys.argv[1:]\n"
    "for name, value in zip(a[0:8:2], a[1:8:2]):\n"
    "    v = int(value)\n"
    "    if v >= 0:\n"
    "        r = getattr(resource, name)\n"
    "        try:\n"
    "            resource.setrlimit(r, (v, v))\n"
    "        except (ValueError, OSError):\n"
    "            pass\n"
    "os.execvp(a[8], a[8:])\n"
)


def launcher(argv: list[str], limits: Limits, python: str = sys.executable) -> list[str]:
    """*argv* started through a tiny Python launcher that sets the resource limits first."""
    nproc = -1
    if os.geteuid() != 0:  # root ignores RLIMIT_NPROC; others count every process of the user
        nproc = _user_processes() + limits.processes
    return [python, "-c", _LAUNCH,
            "RLIMIT_AS", str(limits.memory_mb << 20), "RLIMIT_FSIZE", str(limits.file_mb << 20),
            "RLIMIT_CORE", "0", "RLIMIT_NPROC", str(nproc), *argv]


def _user_processes() -> int:
    uid = os.getuid()
    n = 0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.stat(f"/proc/{d}").st_uid == uid:
                    n += 1
            except OSError:
                pass
    return n


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        p = Path("/") / top
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    for etc in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"):
        if os.path.exists(etc):
            args += ["--ro-bind", etc, etc]
    return args


def _covered(path: Path, by: list[Path]) -> bool:
    return any(path == b or b in path.parents for b in by)


@dataclass
class Sandbox:
    """The bwrap command line for one submission.

    Parameters
    ----------
    bwrap : str or None
        The bwrap executable; ``None`` runs without a sandbox (``--unsafe-no-sandbox``).
    readable : list of path
        Host folders or files visible read-only, at the same path.
    writable : list of path
        Host folders visible read-write, at the same path (the ipc and answers folders).
    limits : Limits
    env : dict
        The kernel's whole environment (nothing else of the grader's leaks in).
    binds : list of (path, str)
        Host files visible read-only at another path (matplotlib's font list in the home folder).
    """

    bwrap: str | None
    readable: list[Path]
    writable: list[Path]
    limits: Limits = field(default_factory=Limits)
    env: dict[str, str] = field(default_factory=dict)
    binds: list[tuple[Path, str]] = field(default_factory=list)

    def command(self, argv: list[str]) -> list[str]:
        """The full command that runs *argv* (a kernel's argv) in the sandbox, limits set."""
        inner = launcher(argv, self.limits)
        if self.bwrap is None:
            return inner
        size = str(self.limits.tmp_mb << 20)
        args = [self.bwrap,
                "--unshare-user", "--uid", "65534", "--gid", "65534",
                "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--hostname", "sandbox",
                *_system_binds(),
                "--proc", "/proc", "--dev", "/dev",
                "--size", size, "--tmpfs", "/tmp",
                "--size", size, "--tmpfs", "/dev/shm",
                "--size", size, "--tmpfs", "/home"]
        done: list[Path] = [Path("/usr")]
        for p in sorted({Path(p) for p in self.readable}, key=lambda q: len(q.parts)):
            if p.exists() and not _covered(p, done):
                args += ["--ro-bind", str(p), str(p)]
                done.append(p)
        for p in self.writable:
            args += ["--bind", str(p), str(p)]
        args += ["--dir", HOME]
        for src, dest in self.binds:
            args += ["--ro-bind", str(src), dest]
        args += ["--chdir", HOME, "--clearenv"]
        for k, v in sorted(self.env.items()):
            args += ["--setenv", k, v]
        return [*args, "--", *inner]

    def visible(self) -> list[Path]:
        """Host paths the sandbox can see (system folders excluded)."""
        return [Path(p).resolve() for p in [*self.readable, *self.writable]]


def grader_paths_visible(sandbox: Sandbox, secret: list[Path]) -> list[Path]:
    """The *secret* paths (solution files, submissions, the grades folder) lying inside what the sandbox shows.

    A folder that merely *contains* a visible path (a course folder holding
    ``data/``) is not shown itself: only the visible path inside it is.
    """
    visible = sandbox.visible()
    return [Path(s) for s in secret if _covered(Path(s).resolve(), visible)]


_PROBLEM: dict[str, str | None] = {}


def sandbox_problem(bwrap: str | None = None) -> str | None:
    """Why the sandbox cannot run here, or None when a trial sandbox works (the answer is cached).

    The trial runs ``python -c pass`` in a sandbox with every flag the grader
    uses, and also checks that the network is really unshared.
    """
    bwrap = bwrap if bwrap is not None else find_bwrap()
    if bwrap is None:
        return ("bubblewrap (bwrap) is not installed: install the Debian package `bubblewrap` "
                "(`bash scripts/install-sandbox.sh` does it), or grade with --unsafe-no-sandbox on a machine "
                "where students' code may do anything you can do")
    if bwrap in _PROBLEM:
        return _PROBLEM[bwrap]
    box = Sandbox(bwrap, readable=[Path(sys.base_prefix), Path(sys.prefix)], writable=[],
                  env={"PATH": "/usr/bin:/bin"})
    code = "import socket, os; s = socket.socket(); s.settimeout(1)\ntry:\n s.connect(('1.1.1.1', 53)); print('net')\nexcept OSError: print('nonet')"
    try:
        r = subprocess.run(box.command([sys.executable, "-c", code]), capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        problem: str | None = f"bwrap ({bwrap}) could not be started: {e}"
    else:
        if r.returncode != 0:
            err = " ".join(r.stderr.split())[:300]
            problem = f"bwrap ({bwrap}) cannot create a sandbox here: {err or f'exit code {r.returncode}'}"
            if "uid map" in err or "namespace" in err or "Operation not permitted" in err:
                problem += (" (user namespaces are disabled: as root, `sysctl kernel.unprivileged_userns_clone=1`"
                            " or allow bwrap in AppArmor, or run the grader as root)")
        elif r.stdout.strip() != "nonet":
            problem = f"bwrap ({bwrap}) ran, but the sandbox still reaches the network"
        else:
            problem = None
    _PROBLEM[bwrap] = problem
    return problem


# --------------------------------------------------------------------------- processes


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def namespace_of(pid: int, timeout: float = 10.0) -> str | None:
    """The PID namespace (``pid:[inode]``) of the sandbox started as host process *pid*.

    That is the namespace of bwrap's child; None when it cannot be read (no
    sandbox, or it already ended).
    """
    try:
        own = os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for child in _children(pid):
            try:
                ns = os.readlink(f"/proc/{child}/ns/pid")
            except OSError:
                continue
            if ns != own:
                return ns
        if not os.path.exists(f"/proc/{pid}"):
            return None
        time.sleep(0.05)
    return None


def _state(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


def processes_in(namespace: str) -> list[int]:
    """Host PIDs of the live processes in PID namespace *namespace* (``pid:[inode]``; zombies excluded)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.readlink(f"/proc/{d}/ns/pid") == namespace and _state(d) not in ("Z", "X"):
                    out.append(int(d))
            except OSError:
                pass
    return out
