"""Scopes around a failing line, smallest first, for scope-guided auto-fix.

The fixer rewrites one scope and we splice it back, so every scope is a self-contained span of
whole lines: a simple statement (all its lines, if it spans several); a compound statement when
the line is on its header (a header alone cannot be rewritten on its own); the innermost
``with self.beat(...)`` block; the innermost ``def`` (lambdas and updaters count as part of the
statement and function that hold them); and the whole file. For a ``Timeout`` the statement
scope is the innermost enclosing loop instead, since a hang lives in a loop, not in the statement
that happened to be running. Code that does not parse (SyntaxError, IndentationError) gets the
same scopes from indentation and bracket depth.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from typing import Literal

ScopeKind = Literal["statement", "beat", "function", "file"]
_KIND_ORDER = ("statement", "beat", "function", "file")
_BEAT_HEADER = re.compile(r"^\s*(?:async\s+)?with\s+self\.beat\s*\(")
_DEF_HEADER = re.compile(r"^\s*(?:@|(?:async\s+)?def\s)")
_LOOP_HEADER = re.compile(r"^\s*(?:async\s+)?(?:for|while)\b")


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    start: int  # 1-based, inclusive
    end: int  # 1-based, inclusive

    @property
    def lines(self) -> int:
        return self.end - self.start + 1


def scopes_for(code: str, line: int | None, *, error_type: str | None = None) -> list[Scope]:
    """Scopes containing ``line``, smallest first, always ending with the whole file."""
    whole = Scope("file", 1, max(1, len(code.splitlines())))
    if line is None or not 1 <= line <= whole.end:
        return [whole]
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        found = _indent_scopes(code.splitlines(), line, loop=error_type == "Timeout")
    else:
        found = _ast_scopes(tree, line, loop=error_type == "Timeout")
    spans: dict[tuple[int, int], ScopeKind] = {}
    for scope in sorted([*found, whole], key=lambda s: (s.lines, _KIND_ORDER.index(s.kind))):
        spans[(scope.start, scope.end)] = scope.kind  # the same span twice keeps the wider kind's name
    return [Scope(kind, start, end) for (start, end), kind in spans.items()]


# --- scopes from the syntax tree ----------------------------------------------------------
def _start(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _is_beat(node: ast.AST) -> bool:
    return isinstance(node, ast.With | ast.AsyncWith) and any(
        isinstance(item.context_expr, ast.Call) and isinstance(item.context_expr.func, ast.Attribute)
        and item.context_expr.func.attr == "beat" for item in node.items)


def _on_header(node: ast.stmt, line: int) -> bool:
    body = getattr(node, "body", None)
    return isinstance(body, list) and bool(body) and isinstance(body[0], ast.stmt) and line < body[0].lineno


def _ast_scopes(tree: ast.Module, line: int, loop: bool) -> list[Scope]:
    """Walk down the statements that contain ``line``, noting the innermost of each kind."""
    chain: list[ast.stmt] = []
    body: list[ast.stmt] = tree.body
    while True:
        inner = next((s for s in body if _start(s) <= line <= s.end_lineno), None)
        if inner is None:
            break
        chain.append(inner)
        if _on_header(inner, line):
            break
        body = [s for field in ("body", "orelse", "finalbody", "handlers") for s in getattr(inner, field, [])]
        body += [s for case in getattr(inner, "cases", []) for s in case.body]
    scopes: list[Scope] = []
    if chain:
        statement: ast.AST = chain[-1]
        for parent, child in reversed(list(zip(chain, chain[1:]))):  # an `elif` means the whole chain
            if isinstance(parent, ast.If) and parent.orelse == [child] and child is statement \
                    and child.col_offset == parent.col_offset:
                statement = parent
        loops = [s for s in chain if isinstance(s, ast.For | ast.While | ast.AsyncFor)]
        if loop and loops:
            statement = loops[-1]
        if isinstance(statement, ast.ExceptHandler):  # an `except` clause alone is not a statement
            statement = chain[-2]
        scopes.append(Scope("statement", _start(statement), statement.end_lineno))
    beats = [s for s in chain if _is_beat(s)]
    if beats:
        scopes.append(Scope("beat", beats[-1].lineno, beats[-1].end_lineno))
    defs = [s for s in chain if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
    if defs:
        scopes.append(Scope("function", _start(defs[-1]), defs[-1].end_lineno))
    return scopes


# --- scopes from indentation, for code that does not parse ----------------------------------
def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def _openers(lines: list[str]) -> list[int | None]:
    """For each line, the line whose bracket is still open where it starts (None at depth 0);
    strings and comments are skipped, roughly."""
    openers: list[int | None] = []
    depth, quote, opener = 0, "", 0
    for number, text in enumerate(lines):
        openers.append(opener if depth else None)
        index = 0
        while index < len(text):
            char = text[index]
            if quote:
                if text.startswith(quote, index):
                    index += len(quote) - 1
                    quote = ""
                elif char == "\\":
                    index += 1
            elif char == "#":
                break
            elif char in "\"'":
                quote = char * 3 if text.startswith(char * 3, index) else char
                index += len(quote) - 1
            elif char in "([{":
                opener = number if depth == 0 else opener
                depth += 1
            elif char in ")]}":
                depth = max(0, depth - 1)
            index += 1
        if len(quote) == 1:
            quote = ""  # an unterminated one-line string ends with its line
    return openers


def _continues(lines: list[str], openers: list[int | None], index: int) -> bool:
    """Is line ``index`` a continuation of the statement opened above it?"""
    if index > 0 and lines[index - 1].rstrip().endswith("\\"):
        return True
    opener = openers[index]
    if opener is None:
        return False
    text = lines[index]
    return _indent(text) > _indent(lines[opener]) or text.strip()[:1] in (")", "]", "}")


def _block_end(lines: list[str], header: int) -> int:
    """Last line (0-based) of the block whose header is ``header``: deeper-indented lines follow."""
    end = header
    for index in range(header + 1, len(lines)):
        if not lines[index].strip():
            continue
        if _indent(lines[index]) <= _indent(lines[header]):
            break
        end = index
    return end


def _indent_statement(lines: list[str], index: int) -> tuple[int, int]:
    openers = _openers(lines)
    start = openers[index] if _continues(lines, openers, index) and openers[index] is not None else index
    while start > 0 and lines[start - 1].rstrip().endswith("\\"):
        start -= 1
    if lines[start].split("#")[0].rstrip().endswith(":"):
        return start, _block_end(lines, start)
    end = start
    while end + 1 < len(lines) and _continues(lines, openers, end + 1):
        end += 1
    return start, max(end, index)


def _indent_scopes(lines: list[str], line: int, loop: bool) -> list[Scope]:
    """Statement, beat and function around ``line`` by indentation alone."""
    index = line - 1
    start, end = _indent_statement(lines, index)
    scopes = [Scope("statement", start + 1, end + 1)]
    found: dict[str, tuple[int, int]] = {}
    level = _indent(lines[start])
    for header in range(start - 1, -1, -1):  # enclosing headers: each less indented than the last
        text = lines[header]
        if not text.strip() or _indent(text) >= level:
            continue
        level = _indent(text)
        for kind, pattern in (("beat", _BEAT_HEADER), ("function", _DEF_HEADER), ("loop", _LOOP_HEADER)):
            if kind not in found and pattern.match(text):
                found[kind] = (header, _block_end(lines, header))
    if loop and "loop" in found:
        scopes = [Scope("statement", found["loop"][0] + 1, found["loop"][1] + 1)]
    for kind in ("beat", "function"):
        if kind in found and found[kind][1] >= index:
            scopes.append(Scope(kind, found[kind][0] + 1, found[kind][1] + 1))
    return scopes


# --- splicing and showing -------------------------------------------------------------------
_FENCE = re.compile(r"^\s*```[\w+-]*\s*$")


def splice(code: str, scope: Scope, replacement: str) -> str:
    """Replace the scope's lines with ``replacement``, re-indented to where the scope sits."""
    lines = code.splitlines()
    new = [text.expandtabs(4).rstrip() for text in replacement.strip("\n").splitlines()]
    while new and _FENCE.match(new[0]):
        new.pop(0)
    while new and _FENCE.match(new[-1]):
        new.pop()
    target = _indent(lines[scope.start - 1]) if lines[scope.start - 1:scope.start] else 0
    new = _reindent(new, target)
    result = lines[:scope.start - 1] + new + lines[scope.end:]
    return "\n".join(result) + ("\n" if code.endswith("\n") or not code else "")


def _reindent(new: list[str], target: int) -> list[str]:
    """Shift ``new`` so its first line sits at ``target`` columns; a first line the model stripped
    of its indentation (the rest already at or beyond ``target``) only gets its own prefix."""
    body = [text for text in new[1:] if text.strip()]
    deeper = 1 if new and new[0].split("#")[0].rstrip().endswith(":") else 0  # a header's body sits deeper
    if new and target and _indent(new[0]) == 0 and body and min(map(_indent, body)) >= target + deeper:
        return [" " * target + new[0]] + new[1:]
    dedented = textwrap.dedent("\n".join(new)).splitlines()
    return [" " * target + text if text.strip() else "" for text in dedented]


def excerpt(code: str, scope: Scope, context: int = 6) -> str:
    """The scope's lines marked with '>', numbered, with ``context`` lines either side."""
    lines = code.splitlines()
    first, last = max(1, scope.start - context), min(len(lines), scope.end + context)
    width = len(str(last))
    return "\n".join(
        f"{'>' if scope.start <= number <= scope.end else ' '} {number:>{width}} | {lines[number - 1]}"
        for number in range(first, last + 1))
