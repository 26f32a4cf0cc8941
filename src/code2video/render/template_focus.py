"""Beat timing for the template coder when a beat moves the highlight cursor.

The cursor follows the talk: each move should land as the narration says the word it points at
(``Focus.word``). The beat's entrances play first, back to back, then every move waits for its
word with the kit's ``self.until`` (on the narration's clock, so the frames each play rounds up
to do not accumulate). Nothing may run past the beat's duration, so late moves are pulled earlier
instead, with one draft frame of slack per animation for that rounding. Times are whole
milliseconds, the precision the scene file is written with.
"""

from __future__ import annotations

STEP_SECONDS = 1.2  # longest an entrance animation takes (as for beats without a cursor)
GLIDE_SECONDS = 0.6  # longest a cursor move takes
FRAME_MS = 67  # one frame at 15 fps: the most a play can overrun its run_time when Manim rounds it up


def word_start(narration: str, word: int, duration: float, starts: list[float] | None) -> float:
    """Seconds from the beat's start at which word ``word`` is spoken.

    The narrator's own timings are used when they cover the narration word for word; otherwise
    (no timings, or a tokenisation that does not match) the word index is spread over the beat.
    """
    words = len(narration.split())
    if starts is not None and len(starts) == words:
        return float(starts[word])
    return duration * word / max(1, words)


def focused_steps(steps: list[tuple[list[str], list[str]]], moves: list[tuple[str, float]],
                  elapsed: float, duration: float) -> list[str]:
    """Lines for a beat's entrances and then its cursor moves.

    ``steps`` are (setup lines, animations) as the template builds them, ``moves`` are (animation
    expression, wanted arrival in seconds from the beat's start), ``elapsed`` is what the beat has
    already played (the exits). Each move starts so that it ends at its arrival time, never before
    the previous one is done, and never so late that the remaining moves would overrun the beat.
    """
    total, now = round(duration * 1000), round(elapsed * 1000) + (FRAME_MS if elapsed else 0)
    animated = sum(1 for _, animations, *_ in steps if animations)
    unit = (total - now - FRAME_MS * (animated + len(moves))) / max(1, animated + len(moves))
    run = max(1, int(min(STEP_SECONDS * 1000, 0.6 * unit)))
    glide = max(1, int(min(GLIDE_SECONDS * 1000, 0.6 * unit)))
    lines: list[str] = []
    for setup, animations, *_ in steps:
        lines += setup
        if animations:
            lines.append(f"self.play({', '.join(animations)}, run_time={run / 1000:.3f})")
            now += run + FRAME_MS
    for index, (animation, arrival) in enumerate(moves):
        latest = total - (len(moves) - index) * (glide + FRAME_MS)
        begin = max(now, min(round(arrival * 1000) - glide, latest))
        if begin > now:
            lines.append(f"self.until({begin / 1000:.3f})")
        lines.append(f"self.play({animation}, run_time={glide / 1000:.3f})")
        now = begin + glide + FRAME_MS
    return lines
