"""Talking heads: a presenter clip per section, composited as picture-in-picture by the pipeline.

Backends register on import: ``puppet`` (a portrait photo animated on the CPU), ``presenter``
(a drawn character), and external GPU models (``hallo2``, ``sadtalker``, ``musetalk``).
OpenCV is imported only when a portrait is animated.
"""

from code2video.avatar import (  # noqa: F401  (importing registers the backends)
    external,
    presenter,
    puppet,
)
from code2video.avatar.base import (
    BACKENDS,
    AvatarBackend,
    AvatarError,
    AvatarJob,
    TimedWord,
    get_avatar,
)

__all__ = ["BACKENDS", "AvatarBackend", "AvatarError", "AvatarJob", "TimedWord", "get_avatar"]
