"""Where the MMMC sample data lives: ../shared/mmmc beside the checkout, else the machine's
/work/shared/mmmc (a clean clone elsewhere, as in CI), or CODE2VIDEO_MMMC_SAMPLE. Never copied
into the repository."""

from __future__ import annotations

import os
from pathlib import Path


def _find() -> Path:
    beside = Path(__file__).resolve().parents[2] / "shared" / "mmmc"
    for folder in (os.environ.get("CODE2VIDEO_MMMC_SAMPLE"), beside, "/work/shared/mmmc"):
        if folder and (Path(folder) / "questions_by_topic_10.json").is_file():
            return Path(folder)
    raise FileNotFoundError("the MMMC sample data (../shared/mmmc) is missing; set CODE2VIDEO_MMMC_SAMPLE to its folder")


MMMC = _find()
QUESTIONS = MMMC / "questions_by_topic_10.json"
