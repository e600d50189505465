"""How a student's answers leave the sandbox as data, and come back for the checks.

The checks never run where student code ran. A check is instructor code that
*reads* some of the student's names (``counts``, ``longest(["a", "bb"])``,
``model.terms``). This module finds those reads, has the sandboxed kernel
evaluate them and write their values as data, and lets the grader's own check
process run the check on those values after the kernel is dead.

Three steps, three functions:

:func:`plan_check` (static, in the grader)
    The *answer names* of a check are the names it reads that neither the
    check itself, the solution's setup cells nor Python's builtins define.
    Every place the check reads an answer name gives a *chain*: the name and
    what the check does to it directly, attribute by attribute, call by call,
    index by index (``model.terms``, ``longest(["a", "bb", "c"])``,
    ``labels[0]``), as long as the call arguments and indexes use only
    literals, setup names and answer names, never a name the check binds
    itself. A chain's *prefixes* (``model``, ``model.terms``, ...) are what
    the kernel may be asked to evaluate.

:class:`Exporter` (in the sandboxed kernel, after the student's cells)
    Evaluates each chain's prefixes from the shortest and stops at the first
    value that is data (or that raises). Data means: ``None``, ``bool``,
    ``int``, ``float``, ``str``, numpy numbers, lists, tuples, dicts, sets of
    data (JSON, with a tag for every container so that ``{0: "a"}`` stays a
    dict with an int key); a pandas ``DataFrame`` or ``Series`` (Parquet); a
    numpy array of numbers, booleans or strings (``.npy``, never pickled).
    ``counts`` (a frame) is taken whole, and ``counts["n"].sum()`` is computed
    later on the copy; a function is never data, so ``longest(["a", "bb"])``
    is called in the kernel and its *result* is taken out. A value that is not
    data is recorded with its type name, an exception with its type and
    message.

:func:`read_answers` and :func:`rewrite_check` (in the grader's check process)
    Read what the kernel wrote, strictly (regular files named by the grader,
    never followed through a link, size-limited; JSON and Parquet/npy parsed
    without any code execution), and rewrite the check so that each chain
    prefix that was taken out is replaced by its value. The check then runs
    on plain Python, numpy and pandas objects.

What the student controls: the exported values *are* the student's answers,
so writing them by hand, or patching anything in the kernel, only changes
the student's own answers. What the student cannot reach: the check's code
and expected values (only chain expressions, i.e. the names a check reads and
the arguments it calls them with, are sent into the kernel), the process
where checks run, and their results.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "Chain",
    "CheckPlan",
    "Exporter",
    "Unexported",
    "AnswerError",
    "bound_names",
    "plan_check",
    "read_answers",
    "rewrite_check",
    "ANSWER_FUNCTION",
]

#: The name the rewritten check calls to get an answer.
ANSWER_FUNCTION = "__textmine_answer__"
#: The name the rewritten check calls to record the two sides of ``assert a == b``.
RECORD_FUNCTION = "__textmine_record__"

_BUILTINS = frozenset(dir(builtins))
_MAX_DEPTH = 32
_FORMAT = 1


# --------------------------------------------------------------------------- static analysis


def _target_names(node: ast.AST, out: set[str]) -> None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Starred) and isinstance(sub.value, ast.Name):
            out.add(sub.value.id)


def bound_names(source: str, *, top_level_only: bool = True) -> frozenset[str]:
    """Names a piece of code binds.

    With ``top_level_only`` (for setup cells), the names bound by module-level
    statements (assignments, imports, ``def``, ``class``, ``for``, ``with``,
    including inside ``if``/``try`` blocks); otherwise every name bound
    anywhere (for checks: their own variables, loop and comprehension
    variables, function arguments).
    """
    tree = ast.parse(source)
    out: set[str] = set()
    if top_level_only:
        nodes: list[ast.AST] = []
        todo = list(tree.body)
        while todo:
            stmt = todo.pop()
            nodes.append(stmt)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue  # their bodies bind names of their own scope
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo.extend(getattr(stmt, field, []) or [])
    else:
        nodes = list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for t in node.targets if isinstance(node, ast.Assign) else [node.target]:
                _target_names(t, out)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            _target_names(node.target, out)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    _target_names(item.optional_vars, out)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    out.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
            if not top_level_only and not isinstance(node, ast.ClassDef):
                _argument_names(node.args, out)
        elif isinstance(node, ast.Lambda):
            _argument_names(node.args, out)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            out.add(node.name)
        elif isinstance(node, ast.NamedExpr):
            _target_names(node.target, out)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            out.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and not top_level_only:
            out.add(node.id)
    return frozenset(out)


def _argument_names(args: ast.arguments, out: set[str]) -> None:
    for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
        if a is not None:
            out.add(a.arg)


@dataclass(frozen=True)
class Chain:
    """One place a check reads an answer: the name and what the check does to it directly.

    Attributes
    ----------
    root : str
        The answer name.
    prefixes : tuple of str
        The source of each prefix of the chain, shortest (the name) first.
    """

    root: str
    prefixes: tuple[str, ...]


@dataclass(frozen=True)
class CheckPlan:
    """What a check reads from the student's notebook.

    Attributes
    ----------
    names : tuple of str
        The answer names, in order of first use.
    chains : tuple of Chain
        Unique chains, in source order.
    needs_setup : bool
        Whether a chain's arguments use a setup name (the kernel then re-runs
        the solution's setup cells in a namespace of their own, so that
        ``longest(WORDS)`` gets the instructor's ``WORDS``).
    """

    names: tuple[str, ...]
    chains: tuple[Chain, ...]
    needs_setup: bool

    @property
    def keys(self) -> tuple[str, ...]:
        """Every prefix source of every chain, unique, in order."""
        seen: dict[str, None] = {}
        for c in self.chains:
            for p in c.prefixes:
                seen.setdefault(p, None)
        return tuple(seen)


def _free_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


class _Analysis:
    """Chains of one check source; shared by planning and rewriting so both see the same nodes."""

    def __init__(self, source: str, setup_names: frozenset[str]):
        self.tree = ast.parse(source)
        local = bound_names(source, top_level_only=False)
        loads = [n for n in ast.walk(self.tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
        self.answer_names = [n for n in dict.fromkeys(x.id for x in loads)
                             if n not in local and n not in setup_names and n not in _BUILTINS]
        allowed = set(self.answer_names) | set(setup_names) | _BUILTINS
        parents: dict[int, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
        self.chains: list[tuple[str, list[ast.AST]]] = []
        self.needs_setup = False
        answers = set(self.answer_names)
        # ast.walk is breadth-first; sort the roots by position so chains come in source order.
        roots = sorted((n for n in loads if n.id in answers), key=lambda n: (n.lineno, n.col_offset))
        for name in roots:
            nodes: list[ast.AST] = [name]
            node: ast.AST = name
            while True:
                parent = parents.get(id(node))
                if isinstance(parent, ast.Attribute) and parent.value is node:
                    pass
                elif isinstance(parent, ast.Subscript) and parent.value is node and _free_names(parent.slice) <= allowed:
                    self.needs_setup |= bool(_free_names(parent.slice) & setup_names)
                elif isinstance(parent, ast.Call) and parent.func is node:
                    used: set[str] = set()
                    for arg in [*parent.args, *(k.value for k in parent.keywords)]:
                        used |= _free_names(arg)
                    if not used <= allowed:
                        break
                    self.needs_setup |= bool(used & setup_names)
                else:
                    break
                nodes.append(parent)
                node = parent
            self.chains.append((name.id, nodes))

    def plan(self) -> CheckPlan:
        seen: dict[tuple[str, ...], Chain] = {}
        for root, nodes in self.chains:
            prefixes = tuple(ast.unparse(n) for n in nodes)
            seen.setdefault(prefixes, Chain(root, prefixes))
        return CheckPlan(tuple(self.answer_names), tuple(seen.values()), self.needs_setup)


def plan_check(source: str, setup_names: "frozenset[str] | set[str]" = frozenset()) -> CheckPlan:
    """The answer names and chains a check reads (see the module docstring).

    Parameters
    ----------
    source : str
        The check's code (plain Python: translate IPython magics first).
    setup_names : set of str
        Names the solution's setup cells bind (:func:`bound_names`).

    Returns
    -------
    CheckPlan
    """
    return _Analysis(source, frozenset(setup_names)).plan()


# --------------------------------------------------------------------------- encoding (kernel side)


class NotData(Exception):
    """A value the exporter cannot write as data; the message says why."""


_SCALARS = (type(None), bool, int, float, str)


def _type_name(value: Any) -> str:
    t = type(value)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _encode(value: Any, depth: int = 0) -> Any:
    """Tagged JSON: scalars as themselves, every container as a one-key object."""
    if depth > _MAX_DEPTH:
        raise NotData(f"it is nested more than {_MAX_DEPTH} levels deep")
    np = _numpy()
    if np is not None and isinstance(value, np.generic) and value.dtype.kind in "biuf":
        return {"numpy": [value.dtype.str, value.item()]}  # before float: np.float64 is a float
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if value is None:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        tag = "list" if isinstance(value, list) else "tuple" if isinstance(value, tuple) else \
            "set" if isinstance(value, set) else "frozenset"
        return {tag: [_encode(v, depth + 1) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in value.items()]}
    raise NotData(f"a {_type_name(value)} is not data (numbers, strings, lists, dicts, DataFrames, arrays)")


def _numpy():
    import sys

    return sys.modules.get("numpy")


def _pandas():
    import sys

    return sys.modules.get("pandas")


def _classify(value: Any) -> tuple[str, Any]:
    """("json", tagged) | ("frame" | "series" | "array", bytes, extra) ; raises NotData."""
    pd = _pandas()
    np = _numpy()
    if pd is not None and isinstance(value, pd.DataFrame):
        bad = [c for c in value.columns if not isinstance(c, str)]
        if bad:
            raise NotData(f"a DataFrame needs string column names to be exported; it has {bad[:3]!r}")
        buf = io.BytesIO()
        try:
            value.to_parquet(buf)
        except Exception as e:  # noqa: BLE001 - any pyarrow conversion error is the student's answer
            raise NotData(f"its DataFrame cannot be written as Parquet ({type(e).__name__}: {str(e)[:200]})") from None
        return "frame", buf.getvalue(), {}
    if pd is not None and isinstance(value, pd.Series):
        buf = io.BytesIO()
        try:
            value.to_frame(name="values").to_parquet(buf)
            name = _encode(value.name)
        except NotData:
            raise NotData("its Series name is not data") from None
        except Exception as e:  # noqa: BLE001
            raise NotData(f"its Series cannot be written as Parquet ({type(e).__name__}: {str(e)[:200]})") from None
        return "series", buf.getvalue(), {"name": name}
    if np is not None and isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufcUS":
            raise NotData(f"a numpy array of dtype {value.dtype} cannot be exported without pickle")
        buf = io.BytesIO()
        np.save(buf, value, allow_pickle=False)
        return "array", buf.getvalue(), {}
    return "json", _encode(value), {}


class Exporter:
    """Runs in the sandboxed kernel: evaluates chains and writes their values into a folder.

    Parameters
    ----------
    namespace : dict
        The student's globals.
    folder : str
        Where to write (the grader reads it after the kernel is dead).
    setup : list of str or None
        The solution's setup cells, re-run here in a namespace of their own
        when a chain's arguments use setup names.
    """

    def __init__(self, namespace: dict, folder: str, setup: "list[str] | None" = None):
        self.student = namespace
        self.folder = Path(folder)
        self.kinds: dict[str, str] = {}
        self.setup: dict[str, Any] = {}
        self.setup_error: str | None = None
        for i, src in enumerate(setup or []):
            try:
                exec(compile(src, f"<setup cell {i + 1}>", "exec"), self.setup)
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # noqa: BLE001 - reported to the check
                self.setup_error = f"the solution's setup cell {i + 1} failed in your kernel ({type(e).__name__}: {e})"
                break

    def _namespace(self) -> dict:
        ns = dict(self.student)
        ns.update({k: v for k, v in self.setup.items() if k != "__builtins__"})
        ns["__builtins__"] = builtins
        return ns

    def export(self, number: int, chains: "list[list[str]]") -> int:
        """Evaluate each chain (a list of prefix sources) and write ``index-<number>.json``."""
        ns = self._namespace()
        entries: list[dict] = []
        pending: dict[str, str] = {}
        for prefixes in chains:
            for key in prefixes:
                kind = self.kinds.get(key) or pending.get(key)
                if kind is None:
                    entry = self._evaluate(key, ns, number, len(entries))
                    entries.append(entry)
                    kind = pending[key] = entry["kind"]
                if kind != "object":
                    break
        text = json.dumps({"format": _FORMAT, "entries": entries})
        tmp = self.folder / f".index-{number}.json"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.folder / f"index-{number}.json")
        # Only now: an export interrupted half-way leaves nothing marked as done.
        self.kinds.update(pending)
        return len(entries)

    def _evaluate(self, key: str, ns: dict, number: int, position: int) -> dict:
        try:
            value = eval(compile(key, "<answer>", "eval"), ns)
        except KeyboardInterrupt:  # the grader's interrupt at the time limit
            raise
        except BaseException as e:  # noqa: BLE001 - the student's exception is their answer
            message = _safe_str(e)
            if isinstance(e, NameError) and self.setup_error:
                message += f"; {self.setup_error}"
            return {"key": key, "kind": "error", "exception": _type_name(e), "message": message[:2000]}
        try:
            kind, payload, extra = _classify(value)
        except NotData as e:
            return {"key": key, "kind": "object", "type": _type_name(value), "why": str(e)}
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # noqa: BLE001 - a hostile __repr__, __iter__...
            return {"key": key, "kind": "object", "type": _type_name(value),
                    "why": f"exporting it raised {type(e).__name__}: {_safe_str(e)[:300]}"}
        entry = {"key": key, "kind": kind, **extra}
        if kind == "json":
            entry["value"] = payload
        else:
            (self.folder / f"{number}-{position}.{_EXTENSION[kind]}").write_bytes(payload)
        return entry


_EXTENSION = {"frame": "parquet", "series": "parquet", "array": "npy"}


def _safe_str(e: BaseException) -> str:
    try:
        return str(e)
    except BaseException:  # noqa: BLE001
        return "<unprintable message>"


# --------------------------------------------------------------------------- reading (grader side)


class AnswerError(Exception):
    """An answer the grader could not read back; the message is the reason for the lost points."""


class Unexported:
    """Stands in for a student value that is not data (a function, a model object...).

    Any use except :func:`textmine.assignments.checks.assert_type` raises
    :class:`AnswerError` with a message naming the expression and its type.
    """

    def __init__(self, key: str, type_name: str, why: str = ""):
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_type", type_name)
        object.__setattr__(self, "_why", why)

    @property
    def type_name(self) -> str:
        """The type of the student's value, as the kernel reported it."""
        return self._type

    def _fail(self, *args, **kwargs):
        raise AnswerError(
            f"`{self._key}` is a {self._type}, which the grader cannot take out of your notebook"
            + (f" ({self._why})" if self._why else "")
        )

    __call__ = __getattr__ = __getitem__ = __iter__ = __len__ = __bool__ = _fail
    __eq__ = __lt__ = __le__ = __gt__ = __ge__ = __add__ = __sub__ = __mul__ = __truediv__ = _fail
    __float__ = __int__ = __index__ = __contains__ = _fail
    __hash__ = None  # type: ignore[assignment]

    def __ne__(self, other):
        self._fail()

    def __repr__(self) -> str:
        return f"<{self._type}: not exportable>"


def _read_regular(path: Path, limit: int) -> bytes:
    """Bytes of *path* if it is a regular file (no link followed), at most *limit* bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise AnswerError(f"{path.name} is missing") from None
    except OSError as e:
        raise AnswerError(f"{path.name} cannot be opened as a plain file ({e.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AnswerError(f"{path.name} is not a regular file")
        if info.st_size > limit:
            raise AnswerError(f"{path.name} holds {info.st_size} bytes, more than the limit of {limit}")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise AnswerError(f"{path.name} holds more than the limit of {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        raise AnswerError("an answer is nested too deeply")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise AnswerError("an answer file is not in the grader's format")
    (tag, inner), = value.items()
    if tag == "numpy":
        import numpy as np

        if not (isinstance(inner, list) and len(inner) == 2 and isinstance(inner[0], str)):
            raise AnswerError("a numpy number is not in the grader's format")
        dtype = np.dtype(inner[0])
        if dtype.kind not in "biuf" or not isinstance(inner[1], (bool, int, float)):
            raise AnswerError("a numpy number is not in the grader's format")
        return dtype.type(inner[1])
    if not isinstance(inner, list):
        raise AnswerError("an answer file is not in the grader's format")
    if tag == "dict":
        out = {}
        for pair in inner:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise AnswerError("a dict in an answer file is not in the grader's format")
            k = _decode(pair[0], depth + 1)
            try:
                out[k] = _decode(pair[1], depth + 1)
            except TypeError:
                raise AnswerError("a dict key in an answer file is not hashable") from None
        return out
    items = [_decode(v, depth + 1) for v in inner]
    try:
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    except KeyError:
        raise AnswerError(f"unknown tag {tag!r} in an answer file") from None
    except TypeError:
        raise AnswerError("a set in an answer file holds unhashable items") from None


def _read_data(kind: str, raw: bytes, entry: dict) -> Any:
    if kind == "array":
        import numpy as np

        try:
            return np.load(io.BytesIO(raw), allow_pickle=False)
        except Exception as e:  # noqa: BLE001
            raise AnswerError(f"the array file is not a plain .npy file ({type(e).__name__})") from None
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        frame = pq.read_table(pa.BufferReader(raw)).to_pandas()
    except Exception as e:  # noqa: BLE001
        raise AnswerError(f"the Parquet file cannot be read ({type(e).__name__}: {str(e)[:200]})") from None
    if kind == "frame":
        return frame
    if list(frame.columns) != ["values"]:
        raise AnswerError("a Series file is not in the grader's format")
    series = frame["values"]
    series.name = _decode(entry.get("name"))
    return series


def read_answers(folder: "str | os.PathLike", plans: "dict[int, CheckPlan]", *,
                 max_bytes: int = 256 << 20) -> "dict[str, tuple[str, Any]]":
    """Read what the kernel wrote for the checks numbered as in *plans*.

    Only ``index-<n>.json`` for the planned checks and the data files named
    ``<n>-<position>.parquet|npy`` are opened; an entry whose key the check
    did not plan is ignored; the first entry for a key wins.

    Returns
    -------
    dict
        key → ``("data", value)``, ``("error", (exception_type, message))``,
        ``("object", (type_name, why))`` or ``("unreadable", reason)``.
    """
    folder = Path(folder)
    out: dict[str, tuple[str, Any]] = {}
    for number in sorted(plans):
        wanted = set(plans[number].keys)
        try:
            doc = json.loads(_read_regular(folder / f"index-{number}.json", max_bytes).decode("utf-8"))
        except AnswerError:
            continue  # not exported (timeout, kernel death): the grader knows why
        except (ValueError, RecursionError):
            for key in wanted:
                out.setdefault(key, ("unreadable", "the grader could not parse what your kernel wrote"))
            continue
        entries = doc.get("entries") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            continue
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict) or entry.get("key") not in wanted or entry["key"] in out:
                continue
            key, kind = entry["key"], entry.get("kind")
            try:
                if kind == "json":
                    out[key] = ("data", _decode(entry.get("value")))
                elif kind in _EXTENSION:
                    raw = _read_regular(folder / f"{number}-{position}.{_EXTENSION[kind]}", max_bytes)
                    out[key] = ("data", _read_data(kind, raw, entry))
                elif kind == "error":
                    out[key] = ("error", (str(entry.get("exception", "Exception"))[:100], str(entry.get("message", ""))[:2000]))
                elif kind == "object":
                    out[key] = ("object", (str(entry.get("type", "object"))[:200], str(entry.get("why", ""))[:500]))
            except (AnswerError, RecursionError) as e:
                out[key] = ("unreadable", str(e) if isinstance(e, AnswerError) else "nested too deeply")
    return out


# --------------------------------------------------------------------------- rewriting (grader side)


class _Rewriter(ast.NodeTransformer):
    def __init__(self, targets: dict[int, str], record: bool):
        self.targets = targets
        self.record = record
        self.n_tmp = 0

    def visit(self, node):
        key = self.targets.get(id(node))
        if key is not None:
            return ast.copy_location(
                ast.Call(ast.Name(ANSWER_FUNCTION, ast.Load()), [ast.Constant(key)], []), node)
        return super().visit(node)

    def visit_Assert(self, node: ast.Assert):
        test = node.test
        if not (self.record and isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
            return self.generic_visit(node)
        sources = (ast.unparse(test.left), ast.unparse(test.comparators[0]))
        left, right = self.visit(test.left), self.visit(test.comparators[0])
        self.n_tmp += 1
        names = (f"__textmine_left_{self.n_tmp}", f"__textmine_right_{self.n_tmp}")
        msg = self.visit(node.msg) if node.msg is not None else None
        stmts = [
            ast.Assign([ast.Name(names[0], ast.Store())], left),
            ast.Assign([ast.Name(names[1], ast.Store())], right),
            ast.Expr(ast.Call(ast.Name(RECORD_FUNCTION, ast.Load()),
                              [ast.Constant(sources[0]), ast.Name(names[0], ast.Load()),
                               ast.Constant(sources[1]), ast.Name(names[1], ast.Load())], [])),
            ast.Assert(ast.Compare(ast.Name(names[0], ast.Load()), [ast.Eq()], [ast.Name(names[1], ast.Load())]), msg),
        ]
        return [ast.copy_location(s, node) for s in stmts]


def rewrite_check(source: str, setup_names: "frozenset[str] | set[str]", answers: "dict[str, tuple[str, Any]]",
                  *, record: bool = False) -> ast.Module:
    """The check's AST with each answer chain replaced by a call to :data:`ANSWER_FUNCTION`.

    For each chain, the first prefix the kernel exported as data (or whose
    evaluation raised) is replaced; when every prefix was an object that is
    not data, the longest prefix that has an entry is replaced (it resolves to
    an :class:`Unexported`); with no entry at all, the name itself is replaced
    (it resolves to an error saying the answer was not taken out).

    With ``record``, each ``assert a == b`` also records both sides (for the
    "yours / expected" columns of the feedback).
    """
    analysis = _Analysis(source, frozenset(setup_names))
    targets: dict[int, str] = {}
    for _root, nodes in analysis.chains:
        keys = [ast.unparse(n) for n in nodes]
        chosen = None
        for node, key in zip(nodes, keys):
            kind = answers.get(key, (None,))[0]
            if kind in ("data", "error", "unreadable"):
                chosen = (node, key)
                break
        if chosen is None:
            present = [(n, k) for n, k in zip(nodes, keys) if k in answers]
            chosen = present[-1] if present else (nodes[0], keys[0])
        targets[id(chosen[0])] = chosen[1]
    tree = _Rewriter(targets, record).visit(analysis.tree)
    return ast.fix_missing_locations(tree)


def resolver(answers: "dict[str, tuple[str, Any]]", missing: str):
    """The :data:`ANSWER_FUNCTION` of a check namespace: key → value, or raise the reason."""
    import copy

    def answer(key: str):
        kind, value = answers.get(key, ("missing", None))
        if kind == "data":
            return copy.deepcopy(value)  # a check that mutates its answer does not change the next check's
        if kind == "error":
            exc_type, message = value
            cls = getattr(builtins, exc_type, None)
            if isinstance(cls, type) and issubclass(cls, Exception) and cls.__module__ == "builtins":
                try:
                    raise cls(message)
                except TypeError:  # exception classes with other signatures
                    pass
            raise AnswerError(f"{exc_type}: {message}" if message else exc_type)
        if kind == "object":
            return Unexported(key, *value)
        if kind == "unreadable":
            raise AnswerError(f"the grader could not read `{key}` back: {value}")
        raise AnswerError(f"`{key}` was not taken out of your notebook: {missing}")

    return answer
