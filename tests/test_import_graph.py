"""The import graph of app/ and ui/: no cycle between modules, and every import between packages points down the
stages of the flow (file → Draft → Report → Findings → copy / summary → command line / window), never back up."""
import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Bottom first; a package may import only from the rows above its own.
LAYERS = (
    ("app",),  # app/__init__.py: the tool's name and version
    ("app.findings", "app.formats", "app.logsetup", "app.provenance"),
    ("app.draft",),
    ("app.report",),
    ("app.rules",),
    ("app.result",),
    ("app.pairing",),
    ("app.engine",),
    ("app.batch", "app.presentation"),
    ("app.fix",),
    ("app.summary",),
    ("app.cli",),
    ("ui",),
    ("app.__main__",),
)
LAYER_OF = {package: n for n, row in enumerate(LAYERS) for package in row}


def _modules() -> dict[str, Path]:
    found = {}
    for path in [*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py")]:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of app/ and ui/ that `name` imports (anywhere in it, type-checking imports included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            submodules = {f"{base}.{a.name}" for a in node.names} & modules.keys()
            out |= submodules if len(submodules) == len(node.names) else ({base} & modules.keys()) | submodules
    out.discard(name)
    return out


@cache
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[0] if parts[0] == "ui" else ".".join(parts[:2])


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (a list of modules, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := walk(target)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := walk(module)):
            return found
    return None


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " → ".join(_cycle(_graph()))


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_every_package_has_a_layer():
    assert {_package(m) for m in _graph()} <= LAYER_OF.keys()


def test_imports_between_packages_point_down():
    upward = sorted(f"{module} → {target}" for module, targets in _graph().items() for target in targets
                    if _package(module) != _package(target)
                    and LAYER_OF[_package(target)] >= LAYER_OF[_package(module)])
    assert not upward
