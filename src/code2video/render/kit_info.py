"""Facts about the scene kit that the main process needs without importing Manim."""

KIT_VERSION = "1"
PROBE_ENV = "CODE2VIDEO_LAYOUT_PROBE"  # when set, scenes write their layout probe to this path
