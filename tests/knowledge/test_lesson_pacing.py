"""The built-in lessons, read by the default voice, come out at a natural teaching pace and length.

Synthesising all sixteen lessons takes minutes, so the rate is measured on the longest beat of
every section (about a third of the text) and the lesson's length is projected from it.
"""

import pytest

from code2video.knowledge.library import builtin_lessons
from code2video.narration import get_backend
from code2video.settings import Settings

pytestmark = pytest.mark.slow

WPM_BAND = (120, 170)
MINUTES_BAND = (2, 6)


@pytest.fixture(scope="module")
def voice():
    backend = get_backend(Settings().voice)
    if backend.problem():
        pytest.fail(f"the default voice cannot run here: {backend.problem()}")
    return backend


@pytest.mark.parametrize("item", builtin_lessons(), ids=lambda item: item.slug)
def test_the_default_voice_reads_each_lesson_at_a_teaching_pace(item, voice, tmp_path):
    sample = [max(section.beats, key=lambda b: len(b.narration)) for section in item.lesson.sections]
    seconds = sum(voice.synthesize(beat.narration, tmp_path / f"{n}.wav").duration for n, beat in enumerate(sample))
    wpm = sum(len(beat.narration.split()) for beat in sample) / seconds * 60
    beats = [beat for section in item.lesson.sections for beat in section.beats]
    words = sum(len(beat.narration.split()) for beat in beats)
    minutes = (words / wpm * 60 + len(beats) * Settings().beat_pause) / 60
    assert WPM_BAND[0] <= wpm <= WPM_BAND[1], f"{item.slug}: {wpm:.0f} words a minute"
    assert MINUTES_BAND[0] <= minutes <= MINUTES_BAND[1], f"{item.slug}: {minutes:.1f} minutes"
