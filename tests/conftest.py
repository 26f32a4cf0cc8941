"""Shared fixtures: small lessons authored for the tests, and isolated caches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code2video.ir import Lesson

DATA = Path(__file__).parent / "data"


@pytest.fixture
def short_lesson() -> Lesson:
    return Lesson.model_validate(json.loads((DATA / "short_lesson.json").read_text()))


@pytest.fixture
def all_kinds_lesson() -> Lesson:
    return Lesson.model_validate(json.loads((DATA / "all_kinds.json").read_text()))


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory, monkeypatch):
    """Tests never read or fill the user's cache or config, nor use their API keys."""
    home = tmp_path_factory.mktemp("home")
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home / "cache" / "code2video"
