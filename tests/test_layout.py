"""The package is laid out as the pipeline: stage folders, no import cycles, a light pure planner.

Run directly (``python tests/test_layout.py``) to print the import graph's cycles and the module counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "bulletin"
STAGES = ("script", "text", "plan", "engines", "audio", "log", "reports", "air", "cli", "web")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every bulletin module imported by ``path``, at any depth (imports inside functions count)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "bulletin")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "bulletin":
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.add(sub if sub in known else source)
    found.discard(name)
    return {m for m in found if m in known}


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def top_level_modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))


def test_no_import_cycles_counting_imports_inside_functions():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_function_level_imports_are_seen(tmp_path):
    graph = import_graph()
    # bulletin.cli.produce imports bulletin.builder inside the build command's function.
    assert "bulletin.builder" in graph["bulletin.cli.produce"]


def test_top_level_holds_only_shared_modules_and_entry_points():
    assert len(top_level_modules()) <= 12, top_level_modules()


def test_every_stage_is_a_folder_with_a_docstring():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), stage
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), stage


def test_planning_is_pure():
    """plan/ touches no audio library, no database, no external program."""
    graph = import_graph()
    heavy = {"numpy", "scipy", "pydub", "subprocess", "sqlite3", "mutagen"}
    for name, path in modules().items():
        if not name.startswith("bulletin.plan"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & heavy, name
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                assert node.module.split(".")[0] not in heavy, name
        assert not any(m.startswith(("bulletin.audio", "bulletin.log", "bulletin.engines")) for m in graph[name]), name


def _library_nodes(tree: ast.Module):
    """Every node of a module except what runs only as ``python -m module`` (a developer tool)."""
    for top in tree.body:
        if (isinstance(top, ast.If) and isinstance(top.test, ast.Compare)
                and isinstance(top.test.left, ast.Name) and top.test.left.id == "__name__"):
            continue
        yield from ast.walk(top)


def library_faults(name: str, source: str) -> list[str]:
    """Where a library module imports click, prints or exits (only the command line may)."""
    faults = []
    for node in _library_nodes(ast.parse(source)):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "click" for a in node.names):
            faults.append(f"{name}:{node.lineno} imports click")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "click":
            faults.append(f"{name}:{node.lineno} imports click")
        elif isinstance(node, ast.Call):
            f = node.func
            called = f.id if isinstance(f, ast.Name) else (
                f"{f.value.id}.{f.attr}" if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else "")
            if called in ("print", "exit", "quit", "sys.exit", "os._exit"):
                faults.append(f"{name}:{node.lineno} calls {called}")
        elif isinstance(node, ast.Raise) and isinstance(node.exc, (ast.Name, ast.Call)):
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id == "SystemExit":
                faults.append(f"{name}:{node.lineno} raises SystemExit")
    return faults


def test_the_library_never_prints_exits_or_imports_click():
    faults = []
    for name, path in modules().items():
        if name.startswith("bulletin.cli") or name == "bulletin.__main__":
            continue
        faults += library_faults(name, path.read_text(encoding="utf-8"))
    assert faults == []


def test_the_library_check_sees_each_fault():
    source = "import click\nfrom click import echo\nprint(1)\nimport sys\nsys.exit(2)\nraise SystemExit(3)\n"
    assert len(library_faults("m", source)) == 5
    assert library_faults("m", "if __name__ == '__main__':\n    print(1)\n") == []


def test_public_api_names_resolve():
    import bulletin

    for name in bulletin.__all__:
        assert getattr(bulletin, name) is not None, name
    assert callable(bulletin.build) and callable(bulletin.check) and callable(bulletin.load_script)
    import bulletin.builder  # noqa: F401  (a submodule of the same stem must not shadow the function)

    assert callable(bulletin.build)


if __name__ == "__main__":
    graph = import_graph()
    print(f"modules: {len(graph)}, top level: {len(top_level_modules())} ({', '.join(top_level_modules())})")
    largest = max(modules().items(), key=lambda kv: len(kv[1].read_text(encoding='utf-8').splitlines()))
    print(f"largest: {largest[0]} ({len(largest[1].read_text(encoding='utf-8').splitlines())} lines)")
    found = cycles(graph)
    print(f"import cycles: {len(found)}")
    for c in found:
        print("  " + " → ".join(c))
