"""The avatar stage: sections in parallel on their own GPUs, cached, and a fallback for every failure."""

from __future__ import annotations

import itertools
from pathlib import Path

import fake_models as fakes
import pytest

from code2video.avatar import BACKENDS, AvatarBackend
from code2video.avatar.presenter import PresenterBackend
from code2video.avatar.stage import AvatarResult, fallback_for, make_talking_heads
from code2video.avatar.video import probe_clip


def external(tmp_path, mode: str = "ok", model: str = "hallo2", meet: int = 0):
    fake = fakes.fake_model(tmp_path, model, mode, meet)
    backend = BACKENDS[model](str(fake.python), fakes.portrait(tmp_path))
    backend.timeout = 2.0
    return backend, fake


def run(backend, jobs, *, fallback=None, gpus=(), cache_dir=None, workers=2, on_done=None) -> list[AvatarResult]:
    return make_talking_heads(backend, jobs, fallback=fallback, workers=workers, gpus=gpus,
                              cache_dir=cache_dir, on_done=on_done)


def test_the_external_model_makes_the_clip_on_the_assigned_gpu(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    backend, fake = external(tmp_path)
    section = fakes.job(tmp_path, seconds=1.4)

    [result] = run(backend, [section], fallback=PresenterBackend(), gpus=("7",))

    assert (result.index, result.backend, result.cached, result.warning) == (0, "hallo2", False, None)
    assert result.clip == section.out
    info = probe_clip(result.clip)
    assert (info.width, info.height, info.frames) == (fakes.SIZE, fakes.SIZE, fakes.frames_for(1.4))
    assert [(c["gpu"], c["secrets"]) for c in fake.calls()] == [("7", [])]


@pytest.mark.parametrize(("mode", "reason"), [
    ("fail", "exit status 1"),
    ("silent", "wrote no video"),
    ("long", "lasts"),
    ("hang", "longer than 2 s"),
])
def test_a_failing_section_falls_back_with_the_reason(tmp_path, mode, reason):
    backend, _ = external(tmp_path, mode, model="sadtalker")
    section = fakes.job(tmp_path)

    [result] = run(backend, [section], fallback=PresenterBackend())

    assert result.backend == "presenter"
    assert result.clip == section.out and probe_clip(section.out).frames == fakes.frames_for(1.2)
    assert result.warning.startswith("sadtalker failed: ") and reason in result.warning


def test_when_the_fallback_fails_too_the_section_has_no_head(tmp_path):
    backend, _ = external(tmp_path, "fail")
    section = fakes.job(tmp_path)
    section.out.parent.mkdir(parents=True, exist_ok=True)
    section.out.write_bytes(b"an old clip")
    done = []

    [result] = run(backend, [section], fallback=fakes.BrokenBackend(), on_done=done.append)

    assert (result.clip, result.backend) == (None, None)
    assert "exit status 1" in result.warning
    assert "the fallback broken-test failed too: no face found" in result.warning
    assert done == [result]
    assert not section.out.exists()


def test_any_exception_of_a_backend_is_a_warning_not_a_crash(tmp_path):
    class Buggy(AvatarBackend):
        name = "buggy-test"

        def animate(self, job):
            raise ZeroDivisionError("division by zero")

    [result] = run(Buggy(), [fakes.job(tmp_path)], fallback=PresenterBackend())
    assert result.backend == "presenter"
    assert result.warning == "buggy-test failed: ZeroDivisionError: division by zero"


def test_sections_run_at_once_but_never_two_on_one_gpu(tmp_path):
    backend, fake = external(tmp_path, meet=2)
    jobs = [fakes.job(tmp_path, f"{i:02}_s", seconds=1.0) for i in range(4)]

    results = run(backend, jobs, fallback=PresenterBackend(), gpus=("0", "1"), workers=4)

    assert [r.index for r in results] == [0, 1, 2, 3]
    assert all(r.backend == "hallo2" and r.warning is None for r in results)
    calls = sorted(fake.calls(), key=lambda c: c["start"])
    assert [c["met"] for c in calls[:2]] == [True, True]  # the first two ran at the same time,
    assert {c["gpu"] for c in calls[:2]} == {"0", "1"}  # each on its own GPU
    for gpu in ("0", "1"):
        spans = sorted((c["start"], c["end"]) for c in calls if c["gpu"] == gpu)
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_a_second_run_comes_from_the_cache(tmp_path):
    backend, fake = external(tmp_path, model="musetalk")
    section = fakes.job(tmp_path)
    cache = tmp_path / "cache"

    [first] = run(backend, [section], cache_dir=cache)
    section.out.unlink()
    [second] = run(backend, [section], cache_dir=cache)

    assert (first.cached, second.cached) == (False, True)
    assert second.backend == "musetalk" and second.clip == section.out
    assert probe_clip(section.out).frames == fakes.frames_for(1.2)
    assert len(fake.calls()) == 1
    assert len(list((cache / "avatar").glob("*.mp4"))) == 1


def test_a_new_portrait_or_narration_is_not_a_cache_hit(tmp_path):
    backend, fake = external(tmp_path, model="sadtalker")
    cache = tmp_path / "cache"
    run(backend, [fakes.job(tmp_path)], cache_dir=cache)
    backend.portrait.write_bytes(b"\x89PNG another photo")
    [new_photo] = run(backend, [fakes.job(tmp_path)], cache_dir=cache)
    [new_words] = run(backend, [fakes.job(tmp_path, seconds=1.3)], cache_dir=cache)
    assert (new_photo.cached, new_words.cached) == (False, False)
    assert len(fake.calls()) == 3


def test_the_cache_key_hashes_the_photo_animated_not_the_interpreter(tmp_path):
    backend, fake = external(tmp_path, model="hallo2")
    cache = tmp_path / "cache"
    run(backend, [fakes.job(tmp_path)], cache_dir=cache)
    fake.python.write_text(fake.python.read_text() + "# the environment was upgraded\n")
    [again] = run(backend, [fakes.job(tmp_path)], cache_dir=cache)
    assert again.cached and len(fake.calls()) == 1


def test_the_photo_of_each_backend():
    photo, other = Path("me.jpg"), Path("other.jpg")
    assert BACKENDS["hallo2"]("python", photo).photo == photo
    assert BACKENDS["puppet"](str(other), photo).photo == other  # the spec's photo comes first
    assert BACKENDS["puppet"]("", photo).photo == photo
    assert PresenterBackend("", photo).photo is None  # drawn: the portrait plays no part


def test_fallback_results_are_cached_under_the_fallback(tmp_path):
    backend, _ = external(tmp_path, "fail")
    fallback = PresenterBackend()
    cache = tmp_path / "cache"
    run(backend, [fakes.job(tmp_path)], fallback=fallback, cache_dir=cache)
    [again] = run(backend, [fakes.job(tmp_path)], fallback=fallback, cache_dir=cache)
    assert (again.backend, again.cached) == ("presenter", True)  # the presenter did not run again
    assert "exit status 1" in again.warning  # the model is tried again: it may work now


def test_cpu_backends_run_without_gpus(tmp_path):
    presenter = PresenterBackend()
    results = run(presenter, [fakes.job(tmp_path, f"{i:02}_s") for i in range(3)], gpus=("0",))
    assert [(r.backend, r.warning) for r in results] == [("presenter", None)] * 3
    assert all(r.job.gpu is None for r in results)
    assert run(presenter, []) == []


class FakePuppet(AvatarBackend):
    name = "puppet"

    def animate(self, job):
        raise NotImplementedError

    def problem(self):
        return None if self.portrait else "needs a portrait"


class FakePresenter(FakePuppet):
    name = "presenter"


def test_fallback_is_the_puppet_for_a_usable_portrait_else_the_presenter(tmp_path, monkeypatch):
    monkeypatch.setitem(BACKENDS, "puppet", FakePuppet)
    monkeypatch.setitem(BACKENDS, "presenter", FakePresenter)
    photo = fakes.portrait(tmp_path)
    with_photo = fallback_for(BACKENDS["hallo2"]("python", photo))
    assert (with_photo.name, with_photo.portrait) == ("puppet", photo)
    assert fallback_for(BACKENDS["hallo2"]("python")).name == "presenter"
    assert fallback_for(FakePuppet("", photo)).name == "presenter"
    assert fallback_for(FakePresenter()) is None
    monkeypatch.delitem(BACKENDS, "puppet")
    assert fallback_for(BACKENDS["hallo2"]("python", photo)).name == "presenter"


def test_the_real_fallback_is_the_puppet_for_a_face_and_the_presenter_without_one(tmp_path, portrait):
    hopper = fallback_for(BACKENDS["sadtalker"]("python", portrait))
    assert (hopper.name, hopper.portrait) == ("puppet", portrait)
    assert fallback_for(BACKENDS["sadtalker"]("python")).name == "presenter"
    assert fallback_for(BACKENDS["sadtalker"]("python", fakes.portrait(tmp_path))).name == "presenter"  # no face
