"""The error hierarchy. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations


class Code2VideoError(Exception):
    """Base class; the message says what went wrong and what to do next."""

    exit_code = 1


class BadInputError(Code2VideoError):
    """The user's input cannot be used (exit code 2)."""

    exit_code = 2


class RenderError(Code2VideoError):
    """A render or compose step failed (exit code 1)."""


class MissingToolError(BadInputError):
    """An external tool (ffmpeg, espeak-ng, ...) is not installed."""
