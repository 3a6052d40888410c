"""The code's shape, as the README's "How the code is laid out" promises it: the core is
entered through its services only, files stay small, and no two modules import each other
(directly or round a loop)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "adapters")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every project module ``path`` imports, anywhere in the file (lazy imports too)."""
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        targets |= {name for name in names if name in known}
    return targets


def test_no_import_cycles():
    modules = _modules()
    graph = {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}
    # A package's __init__ importing its own modules is how packages work, not a cycle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_files_stay_small():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 250
    }
    assert not too_long


def test_the_core_has_few_top_level_modules():
    top = [p.name for p in (ROOT / "bot").glob("*.py") if p.name != "__init__.py"]
    assert len(top) <= 10, sorted(top)


def test_only_services_and_the_store_touch_the_database():
    """Adapters and chat commands go through the services; bootstrap only wires hooks."""
    offenders = []
    for name, path in _modules().items():
        if not name.startswith(("adapters", "bot.chat")) or name == "adapters.bootstrap":
            continue
        text = path.read_text(encoding="utf-8")
        if "store.run(" in text or "store.call(" in text:
            offenders.append(name)
    assert not offenders


def test_the_core_never_imports_a_platform():
    for name, path in _modules().items():
        if name.startswith("bot"):
            imported = {
                alias.name.split(".")[0]
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Import)
                for alias in node.names
            } | {
                (node.module or "").split(".")[0]
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom)
            }
            assert not imported & {"slack_bolt", "slack_sdk", "discord"}, name
