"""One frozen Settings object; precedence: defaults < config file < CODE2VIDEO_* env < CLI flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from code2video.errors import BadInputError

Quality = Literal["draft", "standard", "high"]


@dataclass(frozen=True)
class QualityPreset:
    manim_flag: str
    height: int
    fps: int


QUALITY_PRESETS = {
    "draft": QualityPreset("l", 480, 15),
    "standard": QualityPreset("m", 720, 30),
    "high": QualityPreset("h", 1080, 60),
}


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "code2video"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    out_dir: Path = Path("out")
    quality: Quality = "standard"
    voice: str = "piper"
    voice_speed: float = Field(1.0, ge=0.5, le=2.0, description="speaking rate; 1.2 = 20% faster")
    avatar: str | None = Field(None, description="talking head: presenter, puppet[:PHOTO], hallo2:PYTHON...; None = none")
    portrait: Path | None = Field(None, description="photo of the presenter for puppet and external avatars")
    avatar_cells: int = Field(2, ge=1, le=3, description="largest picture-in-picture side, in anchor cells")
    avatar_shape: Literal["circle", "rounded"] = "circle"
    gpus: tuple[str, ...] = Field((), description="CUDA devices for external avatar models, one section each")
    avatar_timeout: float = Field(1800.0, gt=0, description="seconds an external avatar model may take per section")
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    burn_subtitles: bool = False
    cache: bool = True
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    render_timeout: float = Field(900.0, gt=0, description="seconds one section may take to render")
    beat_pause: float = Field(0.35, ge=0, description="silence after each beat's narration, seconds")
    render_memory_mb: int = Field(4096, ge=0, description="memory (heap) limit of one render process, MB; 0 = none")
    llm: str | None = Field(None, description="model spec such as openai:gpt-4.1; None = built-in lessons")
    llm_timeout: float = Field(180.0, gt=0, description="seconds one LLM call may take")
    llm_retries: int = Field(4, ge=0, description="retries on rate limits, server errors and timeouts")
    llm_prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict, description="extra USD prices per million input/output tokens, by model")
    max_fix_rounds: int = Field(4, ge=0, description="LLM repair rounds per section before the template fallback")
    critic: Literal["geometry", "vlm", "off"] = "geometry"
    critic_rounds: int = Field(2, ge=0, description="layout repair rounds per section")
    vlm: str | None = Field(None, description="vision model spec for --critic vlm; default: the --llm model")

    @field_validator("gpus", mode="before")
    @classmethod
    def _device_list(cls, value: Any) -> Any:
        """'0,1' (flag or environment) or [0, 1] (config file) -> ('0', '1')."""
        devices = value.split(",") if isinstance(value, str) else value
        if not isinstance(devices, (list, tuple)):
            return value
        devices = tuple(str(d).strip() for d in devices if str(d).strip())
        if not all(d.isdigit() for d in devices):
            raise ValueError(f"give CUDA device numbers separated by commas, e.g. 0,1 (got {value!r})")
        return devices

    @property
    def preset(self) -> QualityPreset:
        return QUALITY_PRESETS[self.quality]


def config_paths() -> list[Path]:
    """Config files read in order; later files win."""
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [home / "code2video" / "config.toml", Path("code2video.toml")]


def _from_files() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for path in config_paths():
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except tomllib.TOMLDecodeError as exc:
                raise BadInputError(f"config file {path} is not valid TOML: {exc}. Fix or remove it.") from None
    return values


def _from_env() -> dict[str, Any]:
    prefix = "CODE2VIDEO_"
    fields = set(Settings.model_fields)
    return {
        key[len(prefix):].lower(): value
        for key, value in os.environ.items()
        if key.startswith(prefix) and key[len(prefix):].lower() in fields
    }


def load_settings(**cli: Any) -> Settings:
    """Merge every source; CLI values of None mean 'not given'."""
    merged = {**_from_files(), **_from_env(), **{k: v for k, v in cli.items() if v is not None}}
    try:
        return Settings(**merged)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise BadInputError(f"invalid setting: {problems}") from None
