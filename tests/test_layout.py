"""The package's layers: every import points down, and nothing imports in a circle.

The checker reads the import statements of every module (at the top, inside functions and
under TYPE_CHECKING alike: a lazy import is still a dependency) and holds them to LAYERS.
It is tried on the real package, and on copies with an upward import and a circle added,
to show it catches them.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from samples import REPO

PACKAGE = REPO / "tonecheck"

#: Bottom first. A module may import from its own folder, or from a lower line; two
#: folders on one line may not import each other.
LAYERS = [
    ("core",),  # shared types and errors, no I/O
    ("cache",),  # the on-disk cache the accelerators keep
    ("text",),  # sentences, sentiment, readability
    ("drafts",),  # bytes or text -> Draft, and writing back
    ("engine",),  # rule kinds, packs, running the rules
    ("config", "scoring", "delay"),  # settings discovery; points -> scores; verdict and wait
    ("revision",),  # the calmer version
    ("analysis",),  # the front door
    ("__init__",),  # the public API: analyze, load_settings, the report's types, errors
    ("render",),  # output formats
    ("batch", "send"),  # many drafts; hold queue, sendmail, git hooks
    ("cli",),  # the command line
    ("__main__",),
]
RANK = {unit: i for i, line in enumerate(LAYERS) for unit in line}


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path) -> dict[str, set[str]]:
    """Each module of the package under `root` -> the package's modules it imports."""
    files = {module_name(root, p): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # `from pkg import mod` imports the module pkg.mod; `from mod import name`, mod.
                subs = {f"{target}.{a.name}" for a in node.names} & files.keys()
                found |= subs or {target}
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def unit(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def problems(root: Path) -> list[str]:
    """Every upward import and every circle in the package at `root`, as sentences."""
    graph = imports_of(root)
    found = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = unit(source), unit(target)
            if a not in RANK or b not in RANK:
                found.append(f"{source} or {target} is in no layer; add its folder to LAYERS")
            elif a != b and RANK[b] >= RANK[a]:
                found.append(f"{source} imports {target}: {b} is not below {a}")
            elif source.startswith(f"{root.name}.engine.fast") and not target.startswith(
                    f"{root.name}.engine.fast") and b == "engine":
                found.append(f"{source} imports {target}: engine/fast imports nothing of the engine")
    found += [f"import circle: {' -> '.join(cycle)}" for cycle in circles(graph)]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    path, seen = [group[0]], {group[0]}
    while True:
        step = sorted(w for w in graph[path[-1]] if w in group)
        back = [w for w in step if w == path[0]]
        nxt = back[0] if back else next((w for w in step if w not in seen), step[0])
        path.append(nxt)
        if nxt in seen:
            return path[path.index(nxt):]
        seen.add(nxt)


def test_the_package_has_no_upward_import_and_no_circle() -> None:
    assert problems(PACKAGE) == []


def test_every_folder_is_a_layer() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert folders | modules <= set(RANK)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "tonecheck"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "rules"))
    return target


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_an_upward_import_is_caught(copy: Path) -> None:
    _append(copy / "core" / "report.py", "from ..render.json import to_json  # noqa")
    found = problems(copy)
    assert "tonecheck.core.report imports tonecheck.render.json: render is not below core" in found
    # ... and, since render imports core.report, a circle.
    assert any(p.startswith("import circle:") and "tonecheck.core.report" in p for p in found)


def test_a_lazy_upward_import_counts_too(copy: Path) -> None:
    _append(copy / "text" / "sentences.py", "def _late():\n    from ..analysis import analyze\n")
    assert "tonecheck.text.sentences imports tonecheck.analysis: analysis is not below text" \
        in problems(copy)


def test_the_accelerators_may_not_import_the_engine(copy: Path) -> None:
    _append(copy / "engine" / "fast" / "scan.py", "from .. import charges  # noqa")
    assert ("tonecheck.engine.fast.scan imports tonecheck.engine.charges: engine/fast imports "
            "nothing of the engine") in problems(copy)


def test_a_circle_inside_one_folder_is_caught(copy: Path) -> None:
    _append(copy / "drafts" / "masking.py", "from .load import from_text  # noqa")
    circles_found = [p for p in problems(copy) if p.startswith("import circle:")]
    assert len(circles_found) == 1
    assert "tonecheck.drafts.masking -> tonecheck.drafts.load" in circles_found[0]


# -- speed pieces --------------------------------------------------------------------------

#: Modules that exist only to be fast: each says "Speed:" in its docstring.
SPEED_PIECES = [
    "cache.py", "engine/fast/anchors.py", "engine/fast/packcache.py", "engine/fast/regexcache.py",
    "engine/fast/scan.py", "text/prescore.py", "text/syllables.py", "text/readability.py",
    "revision/recheck.py", "render/json.py", "cli/quick.py", "send/lookup.py",
]


@pytest.mark.parametrize("piece", SPEED_PIECES)
def test_each_speed_piece_names_its_plain_twin_and_the_test_holding_them_equal(piece: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / piece).read_text(encoding="utf-8"))) or ""
    said = doc.partition("Speed:")[2]
    assert said, f"{piece}: its docstring has no 'Speed:' paragraph"
    named = re.findall(r"tests/[\w/]+\.py", said)
    assert named, f"{piece}: its 'Speed:' paragraph names no test"
    for test in named:
        assert (REPO / test).is_file(), f"{piece} names {test}, which does not exist"


def test_every_accelerator_is_listed_as_a_speed_piece() -> None:
    fast = {f"engine/fast/{p.name}" for p in (PACKAGE / "engine" / "fast").glob("*.py")
            if p.name != "__init__.py"}
    assert fast <= set(SPEED_PIECES)
