from code2video.render.subtitles import LINE_CHARS, build_cues, to_srt, to_vtt


def _words(text, start, step=0.3):
    return [(w, start + i * step, start + i * step + 0.25) for i, w in enumerate(text.split())]


def test_cues_respect_line_limits_and_stay_in_the_video():
    passages = [_words("This is a fairly long sentence that keeps going for quite a while without any stop "
                       "at all until it finally ends here.", 0.0),
                _words("Second beat. Short.", 12.0)]
    cues = build_cues(passages, video_end=13.0)
    assert len(cues) >= 3
    for cue in cues:
        assert 1 <= len(cue.lines) <= 2 and all(len(line) <= LINE_CHARS for line in cue.lines)
        assert 0 <= cue.start <= cue.end <= 13.0
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    spoken = " ".join(" ".join(c.lines) for c in cues).split()
    assert spoken == [w for p in passages for w, _, _ in p]


def test_formats():
    cues = build_cues([_words("Hello there.", 3661.0)], video_end=4000)
    assert to_srt(cues).startswith("1\n01:01:01,000 --> 01:01:01,")
    assert to_vtt(cues).startswith("WEBVTT\n\n01:01:01.000 --> ")
