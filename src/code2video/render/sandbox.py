"""An AST allowlist for LLM-written scene code, checked before the code ever runs.

Rules (each violation says what to do instead):

- Imports: only ``manim`` (and its submodules, except file and CLI helpers), the scene kit
  (``code2video.render.kit`` and ``kit_mobjects``), ``numpy`` (numeric submodules), and the pure
  stdlib modules in ``ALLOWED_IMPORTS``. No relative imports.
- Calls: no ``eval``, ``exec``, ``compile``, ``__import__``, ``globals``, ``locals``, ``vars``,
  ``breakpoint``, ``input``, ``exit``, ``quit``, ``help``; ``getattr``/``setattr``/``delattr``/
  ``hasattr`` only with a literal, non-dunder attribute name.
- ``open`` only with a literal relative path without ``..`` and a literal mode: the render runs in
  the section folder, so such a file (read or written) stays inside it.
- No dunder attributes (``__class__``, ``__globals__``, ``__dict__``...) except ``__init__``,
  ``__name__`` and ``__doc__``; no dunder names except ``__name__``; no ``.format`` on a literal
  that reaches a dunder.
- No names or attributes that reach a module able to touch the system (``os``, ``sys``,
  ``subprocess``, ``Path``...), even ones a star import brought in (the kit re-exports ``os``), and
  no file-writing or process methods (``save``, ``tofile``, ``system``...); no assignments to
  Manim's global ``config``.

This is one layer, not a proof of safety (Python cannot be fully sandboxed by inspecting its
syntax); the render also runs with a scrubbed environment, resource limits and a timeout.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from code2video.render.tracebacks import Failure

ALLOWED_IMPORTS = {
    "manim", "code2video.render.kit", "code2video.render.kit_mobjects", "numpy", "numpy.linalg",
    "numpy.random", "numpy.fft", "numpy.polynomial", "math", "cmath", "random", "itertools", "functools",
    "operator", "colorsys", "typing", "dataclasses", "collections", "fractions", "decimal", "statistics",
    "string", "enum", "__future__",
}
DENIED_MANIM = ("manim.utils.file_ops", "manim.cli", "manim.__main__", "manim._config")
FORBIDDEN_CALLS = {
    "eval": "compute values directly", "exec": "write the code out", "compile": "write the code out",
    "__import__": "import at the top from the allowed modules", "globals": "use variables directly",
    "locals": "use variables directly", "vars": "use attributes directly", "breakpoint": "remove it",
    "input": "scenes run unattended; use a constant", "exit": "let construct() return",
    "quit": "let construct() return",
    "help": "remove it",
}
SYSTEM_NAMES = {
    "os", "sys", "subprocess", "shutil", "socket", "pathlib", "Path", "importlib", "builtins", "ctypes", "pickle",
    "marshal", "io", "threading", "multiprocessing", "tempfile", "urllib", "http", "requests", "webbrowser",
    "runpy", "pty", "file_ops", "ctypeslib", "f2py", "distutils", "testing",
}
FORBIDDEN_METHODS = {
    "save", "savez", "savez_compressed", "savetxt", "tofile", "savefig", "write_text", "write_bytes", "unlink",
    "rmdir", "rmtree", "system", "popen", "spawn", "fork", "kill", "load", "loadtxt", "fromfile", "memmap",
    "genfromtxt", "open_file", "chmod", "chown", "symlink", "open_memmap", "write_array", "DataSource",
}
SAFE_DUNDERS = {"__init__", "__name__", "__doc__"}
ATTR_BUILTINS = {"getattr", "setattr", "delattr", "hasattr"}


@dataclass(frozen=True)
class Violation:
    line: int
    message: str


def check_code(code: str) -> list[Violation]:
    """Everything in ``code`` the allowlist forbids; [] when allowed (a SyntaxError is not a violation)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    checker = _Checker()
    checker.visit(tree)
    return sorted(checker.found, key=lambda v: v.line)


def violations_failure(violations: list[Violation]) -> Failure:
    """A Failure the fix loop can handle like any other: the first violation's line, all listed."""
    listed = "\n".join(f"line {v.line}: {v.message}" for v in violations)
    first = violations[0] if violations else Violation(0, "")
    return Failure("SandboxViolation", first.message, first.line or None, (),
                   f"SandboxViolation: the scene uses forbidden constructs\n{listed}")


def _import_allowed(module: str) -> bool:
    if module.startswith(DENIED_MANIM):
        return False
    return module in ALLOWED_IMPORTS or module.startswith("manim.")


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[Violation] = []

    def flag(self, node: ast.AST, message: str) -> None:
        self.found.append(Violation(getattr(node, "lineno", 0), message))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if not _import_allowed(alias.name):
                self.flag(node, f"import {alias.name} is not allowed; use manim, the scene kit, numpy, math or random")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level or not _import_allowed(module):
            self.flag(node, f"from {'.' * node.level}{module} import ... is not allowed; "
                            "use manim, the scene kit, numpy, math or random")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in SYSTEM_NAMES:
            self.flag(node, f"{node.id} reaches the operating system; scenes only draw and animate")
        elif node.id.startswith("__") and node.id.endswith("__") and node.id != "__name__":
            self.flag(node, f"{node.id} is not allowed; use ordinary names")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        if attr.startswith("__") and attr.endswith("__") and attr not in SAFE_DUNDERS:
            self.flag(node, f".{attr} is not allowed; use the object's public methods")
        elif attr in SYSTEM_NAMES:
            self.flag(node, f".{attr} reaches the operating system; scenes only draw and animate")
        elif attr in FORBIDDEN_METHODS:
            self.flag(node, f".{attr} reads or writes files or processes; scenes only draw and animate")
        elif attr.startswith("_") and isinstance(node.value, ast.Name) and node.value.id != "self":
            self.flag(node, f".{attr} is private; use the public API")
        self._check_config_store(node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._check_config_store(node)
        self.generic_visit(node)

    def _check_config_store(self, node: ast.Attribute | ast.Subscript) -> None:
        if isinstance(node.ctx, ast.Store | ast.Del) and isinstance(node.value, ast.Name) and node.value.id == "config":
            self.flag(node, "Manim's global config must not change; style the objects (or self.camera) instead")

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in FORBIDDEN_CALLS:
            self.flag(node, f"{name}() is not allowed; {FORBIDDEN_CALLS[name]}")
        elif name in ATTR_BUILTINS:
            self._check_attr_call(node, name)
        elif name == "open":
            self._check_open(node)
        elif isinstance(func, ast.Attribute) and func.attr in ("format", "format_map") \
                and isinstance(func.value, ast.Constant) and "__" in str(func.value.value):
            self.flag(node, "a format string must not reach dunder attributes; use an f-string of plain values")
        self.generic_visit(node)

    def _check_attr_call(self, node: ast.Call, name: str) -> None:
        attr = node.args[1] if len(node.args) > 1 else None
        if not (isinstance(attr, ast.Constant) and isinstance(attr.value, str)):
            self.flag(node, f"{name}() needs a literal attribute name; write obj.attribute directly")
        elif attr.value.startswith("__"):
            self.flag(node, f"{name}() with {attr.value!r} is not allowed; use the object's public methods")

    def _check_open(self, node: ast.Call) -> None:
        path = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "file"), None)
        mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
        literal = isinstance(path, ast.Constant) and isinstance(path.value, str)
        if not literal or path.value.startswith(("/", "~", "\\")) or ".." in path.value or ":" in path.value:
            self.flag(node, "open() takes only a literal relative path inside the section folder (no '..')")
        elif mode is not None and not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
            self.flag(node, "open() needs a literal mode such as 'r'")
        elif len(node.args) > 2 or any(k.arg not in ("file", "mode", "encoding", "newline") for k in node.keywords):
            self.flag(node, "open() takes only a path, a mode and an encoding here")
