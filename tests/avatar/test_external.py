"""External avatar models through the subprocess adapter, against fake checkouts that read the real
command lines and configs (tests/avatar/fake_models.py)."""

from __future__ import annotations

import time
from dataclasses import replace

import fake_models as fakes
import pytest

from code2video.avatar import BACKENDS, AvatarError, get_avatar
from code2video.avatar.external import ExternalBackend, with_top_level_values
from code2video.avatar.video import probe_clip
from code2video.errors import BadInputError

MODELS = ("hallo2", "sadtalker", "musetalk")


def backend_for(tmp_path, model: str, mode: str = "ok", **kwargs) -> tuple[ExternalBackend, object]:
    fake = fakes.fake_model(tmp_path, model, mode, **kwargs)
    return BACKENDS[model](str(fake.python), fakes.portrait(tmp_path)), fake


@pytest.mark.parametrize("model", MODELS)
def test_each_model_runs_its_command_in_its_checkout_and_the_clip_is_normalised(tmp_path, monkeypatch, model):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("HF_TOKEN", "hf-test")
    backend, fake = backend_for(tmp_path, model)
    section = fakes.job(tmp_path, seconds=1.2, gpu="3")
    assert backend.problem() is None

    assert backend.animate(section) == section.out

    info = probe_clip(section.out)
    assert (info.width, info.height, info.frames) == (fakes.SIZE, fakes.SIZE, fakes.frames_for(1.2))
    assert fakes.audio_streams(section.out) == 0
    [call] = fake.calls()
    assert call["cwd"] == str(fake.repo)
    assert call["gpu"] == "3"
    assert call["secrets"] == []
    assert str(section.audio.absolute()) in call["argv"] or model == "musetalk"  # MuseTalk: in its config
    work = section.out.with_name("avatar." + model)
    assert (work / "model.log").exists()
    assert not (work / "results").exists()  # the model's frames and copies are removed after success


def test_hallo2_section_config_keeps_the_model_settings_and_moves_the_output(tmp_path):
    backend, _ = backend_for(tmp_path, "hallo2")
    section = fakes.job(tmp_path)
    backend.animate(section)
    config = (section.out.with_name("avatar.hallo2") / "long.yaml").read_text()
    assert "base_model_path: ./pretrained_models/stable-diffusion-v1-5" in config
    assert "data:\n  source_image:\n    width: 512" in config
    assert f'save_path: "{section.out.with_name("avatar.hallo2") / "results"}"' in config
    assert f'cache_path: "{section.out.with_name("avatar.hallo2") / "results" / "cache"}"' in config  # cleaned too
    assert "output_long" not in config


def test_a_short_video_is_padded_to_the_narration(tmp_path):
    backend, _ = backend_for(tmp_path, "sadtalker", "short")
    section = fakes.job(tmp_path, seconds=1.6)
    backend.animate(section)
    assert probe_clip(section.out).frames == fakes.frames_for(1.6)


@pytest.mark.parametrize(("mode", "reason"), [
    ("fail", "exit status 1"),
    ("silent", "wrote no video"),
    ("long", "lasts"),
    ("garbage", "not a readable video"),
])
def test_a_bad_run_is_an_avatar_error_with_the_reason(tmp_path, mode, reason):
    backend, _ = backend_for(tmp_path, "hallo2", mode)
    section = fakes.job(tmp_path)
    with pytest.raises(AvatarError, match=reason) as caught:
        backend.animate(section)
    assert not section.out.exists()
    if mode == "fail":
        assert "CUDA out of memory" in str(caught.value)  # the end of the model's log


@pytest.mark.parametrize("mode", ["hang", "stubborn-worker"])
def test_a_hanging_model_is_stopped_with_everything_it_started(tmp_path, mode):
    backend, fake = backend_for(tmp_path, "musetalk", mode)
    backend.timeout = 1.0
    with pytest.raises(AvatarError, match="longer than 1 s"):
        backend.animate(fakes.job(tmp_path))
    [call] = fake.calls()
    deadline = time.time() + 5
    while (fakes.alive(call["pid"]) or fakes.alive(call["child"])) and time.time() < deadline:
        time.sleep(0.05)
    assert not fakes.alive(call["pid"]) and not fakes.alive(call["child"])


def test_the_checkout_may_be_named_by_an_environment_variable(tmp_path, monkeypatch):
    fake = fakes.fake_model(tmp_path, "sadtalker")
    elsewhere = tmp_path / "conda" / "envs" / "sad" / "bin" / "python"  # no checkout beside it
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(fake.python.read_bytes())
    elsewhere.chmod(0o755)
    backend = BACKENDS["sadtalker"](str(elsewhere), fakes.portrait(tmp_path))
    assert "CODE2VIDEO_SADTALKER_DIR" in backend.problem()
    monkeypatch.setenv("CODE2VIDEO_SADTALKER_DIR", str(fake.repo))
    assert backend.problem() is None
    backend.animate(fakes.job(tmp_path))
    assert fake.calls()[0]["cwd"] == str(fake.repo)


def test_problems_say_what_to_fix(tmp_path, monkeypatch):
    fake = fakes.fake_model(tmp_path, "hallo2")
    photo = fakes.portrait(tmp_path)
    hallo2 = BACKENDS["hallo2"]
    assert "--portrait" in hallo2(str(fake.python)).problem()
    assert "does not exist" in hallo2(str(fake.python), tmp_path / "missing.png").problem()
    assert "--avatar hallo2:/path/to/hallo2/.venv/bin/python" in hallo2("", photo).problem()
    assert "does not exist" in hallo2(str(tmp_path / "nowhere" / "python"), photo).problem()
    fake.python.chmod(0o644)
    assert "not executable" in hallo2(str(fake.python), photo).problem()
    fake.python.chmod(0o755)
    (fake.repo / "pretrained_models/hallo2/net.pth").unlink()
    assert "has no pretrained_models/hallo2/net.pth" in hallo2(str(fake.python), photo).problem()
    monkeypatch.setenv("CODE2VIDEO_HALLO2_DIR", str(tmp_path / "no-checkout"))
    assert "checkout" in hallo2(str(fake.python), photo).problem()
    assert "CODE2VIDEO_HALLO2_DIR" in hallo2(str(fake.python), photo).problem()


def test_get_avatar_refuses_a_model_that_cannot_run(tmp_path):
    spec = f"musetalk:{fakes.fake_model(tmp_path, 'musetalk').python}"
    with pytest.raises(BadInputError, match="--portrait"):
        get_avatar(spec)
    assert get_avatar(spec, fakes.portrait(tmp_path)).name == "musetalk"


def test_animate_checks_the_problem_first(tmp_path):
    backend = BACKENDS["hallo2"](str(tmp_path / "python"), fakes.portrait(tmp_path))
    with pytest.raises(AvatarError, match="does not exist"):
        backend.animate(fakes.job(tmp_path))


def test_top_level_values_replace_or_append_and_leave_nested_keys():
    text = "save_path: ./out\ndata:\n  save_path: nested\n"
    assert with_top_level_values(text, {"save_path": "/w/r s", "cache_path": "/w/c"}) == (
        'save_path: "/w/r s"\ndata:\n  save_path: nested\ncache_path: "/w/c"\n')


def test_the_job_frame_rate_is_used(tmp_path):
    backend, _ = backend_for(tmp_path, "hallo2")
    section = fakes.job(tmp_path, seconds=1.0)
    section = replace(section, fps=10, size=48)
    backend.animate(section)
    info = probe_clip(section.out)
    assert (info.frames, info.width) == (10, 48)
