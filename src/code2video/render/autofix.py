"""Make untrusted scene code render: sandbox, pre-fixes, dry runs, and scope-guided repair.

Each round checks the code (AST sandbox, compile, exactly one scene class, a Manim dry run that
executes ``construct``). A failure is first offered to the deterministic pre-fixes; otherwise the
fixer rewrites the smallest scope around the failing line, and the scope widens when the same
one fails twice. When the budget is spent the section falls back to the template coder's code.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from code2video.errors import Code2VideoError
from code2video.render.kit_info import KIT_VERSION
from code2video.render.prefixes import apply_prefixes, hints_for
from code2video.render.renderer import run_scene
from code2video.render.sandbox import check_code, violations_failure
from code2video.render.scopes import Scope, excerpt, scopes_for, splice
from code2video.render.tracebacks import Failure, parse_failure
from code2video.settings import QUALITY_PRESETS

MAX_PREFIX_ROUNDS = 3
SCENE_BASES = {"LessonScene", "Scene", "MovingCameraScene", "ThreeDScene", "ZoomedScene"}


@dataclass(frozen=True)
class FixRequest:
    """What the fixer gets: the error, the scope to rewrite, and the code around it."""

    error: str
    error_type: str
    scope: Scope
    scope_code: str
    context: str
    hints: list[str]
    attempt: int  # 1 the first time this scope is rewritten, 2 the second


Fixer = Callable[[FixRequest], str]


@dataclass
class FixAttempt:
    error_type: str
    message: str
    line: int | None
    action: str  # "prefixed: <names>", "rewrote <scope kind>", "fell back"
    scope_kind: str | None = None
    scope_lines: int | None = None


@dataclass
class FixRecord:
    """The repair history of one section, as report.json shows it."""

    outcome: str = "clean"  # clean | prefixed | fixed | fell_back
    fix_rounds: int = 0
    attempts: list[FixAttempt] = field(default_factory=list)


def scene_classes(code: str) -> list[str]:
    """Names of the top-level classes deriving from a Manim scene (the renderer needs exactly one)."""
    return [node.name for node in ast.parse(code).body if isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", None)) in SCENE_BASES for b in node.bases)]


def first_failure(code: str, folder: Path, *, timeout: float, memory_mb: int) -> Failure | None:
    """None when the code passes every check, including a dry run of ``construct``."""
    violations = check_code(code)
    if violations:
        return violations_failure(violations)
    try:
        compile(code, "scene.py", "exec")
    except SyntaxError as exc:
        summary = f"{type(exc).__name__}: {exc.msg} (line {exc.lineno})"
        return Failure(type(exc).__name__, exc.msg, exc.lineno, (), summary)
    scenes = scene_classes(code)
    if len(scenes) != 1:
        message = f"the file must define exactly one class deriving LessonScene; found: {', '.join(scenes) or 'none'}"
        return Failure("NoSceneClass", message, None, (), message)
    run = run_scene(code, folder, scenes[0], QUALITY_PRESETS["draft"], timeout=timeout, dry_run=True,
                    memory_mb=memory_mb)
    return None if run.ok else parse_failure(run.output, "scene.py")


class Repair:
    """One section's repair loop; ``run`` returns the code to render and its history."""

    def __init__(self, folder: Path, fixer: Fixer | None, *, max_rounds: int, timeout: float,
                 memory_mb: int = 0, tex_available: bool = False) -> None:
        self.folder, self.fixer = folder, fixer
        self.max_rounds = max_rounds if fixer else 0
        self.timeout, self.memory_mb, self.tex = timeout, memory_mb, tex_available
        self.record = FixRecord()
        self.transient = False  # the outcome depended on a failed model call: do not cache it
        self._level = 0  # index into the scopes, smallest first; raised when a scope keeps failing
        self._last_span: tuple[int, int] | None = None
        self._same_scope_failures = 0

    def run(self, code: str, fallback_code: str) -> str:
        shutil.rmtree(self.folder / "fix_history", ignore_errors=True)  # this run's attempts only
        code = self._prefix(code, None)
        prefix_rounds = 0
        while True:
            failure = first_failure(code, self.folder, timeout=self.timeout, memory_mb=self.memory_mb)
            if failure is None:
                self.record.outcome = ("fixed" if self.record.fix_rounds else
                                       "prefixed" if self.record.attempts else "clean")
                return code
            self._keep_history(code, failure)
            if failure.error_type in ("Timeout", "MemoryError"):
                self.transient = True  # may pass on a less busy machine: do not cache the outcome
            if prefix_rounds < MAX_PREFIX_ROUNDS and (prefixed := self._prefix(code, failure)) != code:
                code, prefix_rounds = prefixed, prefix_rounds + 1
                continue
            if self.record.fix_rounds >= self.max_rounds:
                return self._fall_back(failure, "fell back", fallback_code)
            try:
                code = self._rewrite(code, failure)
            except Code2VideoError as exc:  # the fixer's model failed; the video still completes
                self.transient = True
                return self._fall_back(failure, f"fell back: the fixer failed ({exc})", fallback_code)

    def _fall_back(self, failure: Failure, action: str, fallback_code: str) -> str:
        self.record.attempts.append(FixAttempt(failure.error_type, failure.message, failure.line, action))
        self.record.outcome = "fell_back"
        return fallback_code

    def _prefix(self, code: str, failure: Failure | None) -> str:
        fixed, applied = apply_prefixes(code, failure, tex_available=self.tex)
        if applied:
            self.record.attempts.append(FixAttempt(
                failure.error_type if failure else "none", failure.message if failure else "",
                failure.line if failure else None, "prefixed: " + ", ".join(applied)))
        return fixed

    def _rewrite(self, code: str, failure: Failure) -> str:
        scope = self._choose_scope(code, failure)
        self._same_scope_failures += 1
        request = FixRequest(failure.summary, failure.error_type, scope,
                             "\n".join(code.splitlines()[scope.start - 1:scope.end]), excerpt(code, scope),
                             hints_for(failure, code), self._same_scope_failures)
        replacement = self.fixer(request)
        fixed = splice(code, scope, replacement)
        new_end = scope.end + len(fixed.splitlines()) - len(code.splitlines())
        self._last_span = (scope.start, max(scope.start, new_end))
        self.record.fix_rounds += 1
        self.record.attempts.append(FixAttempt(failure.error_type, failure.message, failure.line,
                                               f"rewrote {scope.kind}", scope.kind, scope.lines))
        return fixed

    def _choose_scope(self, code: str, failure: Failure) -> Scope:
        """The smallest scope, widened once the same span has been rewritten twice and still fails."""
        inside_last = (self._last_span and failure.line is not None
                       and self._last_span[0] <= failure.line <= self._last_span[1])
        if not inside_last:
            self._level, self._same_scope_failures = 0, 0
        elif self._same_scope_failures >= 2:
            self._level, self._same_scope_failures = self._level + 1, 0
        scopes = scopes_for(code, failure.line, error_type=failure.error_type)
        return scopes[min(self._level, len(scopes) - 1)]

    def _keep_history(self, code: str, failure: Failure) -> None:
        history = self.folder / "fix_history"
        history.mkdir(parents=True, exist_ok=True)
        number = len(list(history.glob("*.py"))) + 1
        (history / f"{number:02d}.py").write_text(code, encoding="utf-8")
        (history / f"{number:02d}.error.txt").write_text(failure.summary, encoding="utf-8")


def repair_cached(repair: Repair, code: str, fallback_code: str, cache_dir: Path | None) -> str:
    """Run the repair loop once per distinct input; a re-run reuses its outcome with no dry runs."""
    parts = (code, fallback_code, KIT_VERSION, repair.tex, repair.max_rounds, repair.timeout, repair.memory_mb)
    key = hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()
    path = cache_dir / "fixes" / f"{key}.json" if cache_dir else None
    try:
        saved = json.loads(path.read_text()) if path and path.exists() else None
        if saved:
            repair.record = FixRecord(saved["outcome"], saved["fix_rounds"],
                                      [FixAttempt(**a) for a in saved["attempts"]])
            return saved["code"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # unreadable: repair again and overwrite it
    final = repair.run(code, fallback_code)
    if path and not repair.transient:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({"code": final, **asdict(repair.record)}))
        os.replace(partial, path)
    return final
