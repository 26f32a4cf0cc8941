"""The avatar stage: a talking head per section, laid over the clips where the layout leaves room."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress

from code2video.avatar import AvatarBackend, AvatarJob
from code2video.avatar.stage import fallback_for, make_talking_heads
from code2video.narration import WordTiming
from code2video.pipeline.reports import AvatarReport
from code2video.render import media
from code2video.render.pip import Appearance, overlay_avatar, plan_pip
from code2video.settings import Settings


@dataclass(frozen=True)
class SectionTrack:
    """A rendered section's clip with its narration laid out on the clip's timeline."""

    folder: Path
    clip: Path
    seconds: float
    audio: Path  # a WAV exactly ``seconds`` long
    beats: list[list[WordTiming]]  # each beat's words, in seconds from the section's start

    @property
    def words(self) -> list[WordTiming]:
        return [word for beat in self.beats for word in beat]


def add_talking_heads(backend: AvatarBackend, tracks: list[SectionTrack], settings: Settings,
                      cache_dir: Path | None, progress: Progress) -> tuple[list[Path], list[AvatarReport]]:
    """Each section's clip with its head (re-encoded alike so they join), and what happened per section."""
    fps = settings.preset.fps
    stream = next(s for s in media.probe(tracks[0].clip)["streams"] if s["codec_type"] == "video")
    width, height = int(stream["width"]), int(stream["height"])
    plans = [_plan(track, width, height, settings) for track in tracks]
    wanted = [i for i, plan in enumerate(plans) if plan]
    jobs = [AvatarJob(tracks[i].audio, tracks[i].words, tracks[i].folder / "avatar.mp4", fps,
                      max(a.spot.size for a in plans[i])) for i in wanted]
    task = progress.add_task("Presenter", total=len(jobs) + len(tracks))
    results = make_talking_heads(backend, jobs, fallback=fallback_for(backend), workers=settings.jobs,
                                 gpus=settings.gpus, cache_dir=cache_dir, on_done=lambda _: progress.advance(task))
    heads = dict(zip(wanted, results))
    clips, reports = [], []
    for i, (track, plan) in enumerate(zip(tracks, plans)):
        result = heads.get(i)
        shown = plan if result and result.clip else []
        clips.append(_composite(track, result.clip if shown else None, shown, settings, fps))
        progress.advance(task)
        reports.append(AvatarReport(
            backend=result.backend if shown else None,
            shown_seconds=round(sum(a.end - a.start for a in shown), 3),
            places=[_describe(a) for a in shown], cached=bool(result and result.cached),
            warning=result.warning if result else _why_not_shown(track)))
    return clips, reports


def _composite(track: SectionTrack, head: Path | None, shown: list[Appearance], settings: Settings, fps: int) -> Path:
    """The clip with its head; reused while the clip, the head and the plan are unchanged (a re-run is quick)."""
    out, stamp = track.folder / "clip_avatar.mp4", track.folder / "clip_avatar.key"
    digest = hashlib.sha256(track.clip.read_bytes())
    digest.update(head.read_bytes() if head else b"")
    digest.update(repr((shown, settings.avatar_shape, fps)).encode())
    if out.is_file() and stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return out
    overlay_avatar(track.clip, head, shown, settings.avatar_shape, fps, out)
    stamp.write_text(digest.hexdigest())
    return out


def _plan(track: SectionTrack, width: int, height: int, settings: Settings) -> list[Appearance]:
    layout = track.folder / "layout.json"
    if not layout.is_file():  # a clip without a probe: nothing says where the head would hide content
        return []
    return plan_pip(layout, width, height, track.seconds, settings.avatar_cells, prefer_top=settings.burn_subtitles)


def _why_not_shown(track: SectionTrack) -> str:
    if not (track.folder / "layout.json").is_file():
        return "the section has no layout probe (layout.json), so no place is known to be free"
    return "no corner of the layout was free long enough"


def _describe(appearance: Appearance) -> str:
    return f"{' '.join(sorted(appearance.spot.cells))} from {appearance.start:.1f} to {appearance.end:.1f} s"
