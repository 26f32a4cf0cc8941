"""Scope-guided repair of realistic faults: the scope holds the fault, and the result renders.

The broken scenes are the benchmark corpus (bench/broken_scenes); the fixer's replies are
authored model replies served by a scripted provider through the real Fixer agent.
"""

import json
from pathlib import Path

import pytest

from code2video.agents.fixer import Fixer
from code2video.render.autofix import FixRequest, Repair, first_failure
from code2video.render.renderer import run_scene
from code2video.render.scopes import scopes_for
from code2video.settings import QUALITY_PRESETS
from fakes import scripted_llm

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parents[2]
CORPUS = ROOT / "bench" / "broken_scenes"
FAULTS = json.loads((CORPUS / "faults.json").read_text())
FIXES = json.loads((ROOT / "tests" / "data" / "llm" / "fault_fixes.json").read_text())
TIMEOUT = 15  # seconds a dry run may take; the hung scene uses all of it


@pytest.mark.parametrize("name", sorted(FIXES))
def test_fault_is_localised_and_repaired(name, tmp_path):
    code = (CORPUS / name).read_text()
    fault_line = FAULTS[name]["line"]
    failure = first_failure(code, tmp_path / "probe", timeout=TIMEOUT, memory_mb=4096)
    assert failure is not None and failure.error_type == FAULTS[name]["error_type"]
    smallest = scopes_for(code, failure.line, error_type=failure.error_type)[0]
    assert smallest.start <= fault_line <= smallest.end and smallest.kind != "file"

    llm, provider = scripted_llm({"fixer": [FIXES[name]] if FIXES[name] else []})
    fixer, requests = Fixer(llm), []

    def fix(request: FixRequest) -> str:
        requests.append(request)
        return fixer.rewrite(section_id="s", error=request.error, scope_kind=request.scope.kind,
                             start=request.scope.start, end=request.scope.end, scope_code=request.scope_code,
                             context=request.context, hints=request.hints, attempt=request.attempt)

    repair = Repair(tmp_path / "section", fix, max_rounds=2, timeout=TIMEOUT, memory_mb=4096)
    final = repair.run(code, fallback_code="")
    assert repair.record.outcome == ("fixed" if FIXES[name] else "prefixed"), repair.record
    for request in requests:  # every rewrite was asked for a scope holding the fault
        assert request.scope.start <= fault_line <= request.scope.end
        assert request.error_type == FAULTS[name]["error_type"]
    render = run_scene(final, tmp_path / "render", "Section01", QUALITY_PRESETS["draft"], timeout=120)
    assert render.ok and render.clip is not None, render.output[-2000:]
