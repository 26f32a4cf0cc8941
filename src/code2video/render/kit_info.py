"""Facts about the scene kit that the main process needs without importing Manim."""

import shutil

KIT_VERSION = "2"
PROBE_ENV = "CODE2VIDEO_LAYOUT_PROBE"  # when set, scenes write their layout probe to this path


def tex_available() -> bool:
    """MathTex needs both; without them formulas are Typst."""
    return bool(shutil.which("latex") and shutil.which("dvisvgm"))
