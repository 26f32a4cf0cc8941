"""The vision critic through the real OpenAI SDK against a local server: PNG keyframes go out as image parts."""

import base64
import io
import json

from PIL import Image as PILImage

from code2video.agents.critic.probe import LayoutProbe, ProbeFrame, ProbeObject, Regions
from code2video.agents.critic.vlm import VisionCritic, beat_end_times
from code2video.llm import open_llm
from code2video.render.keyframes import GridSpec, keyframes
from code2video.render.media import run_ffmpeg

LAYOUT = {"frame": [14.222, 8.0], "pixel_height": 240, "title_band": [3.0, 4.0], "column_x": [-6.95, -2.75],
          "visual_x": [-2.45, 6.85], "visual_y": [-3.8, 2.85]}
LABEL = ProbeObject("label", "text", (2.2, -1.4, 4.9, -0.6), ("D4", "D5", "E4", "E5"), "hypotenuse", 0.15)
PROBE = LayoutProbe(Regions(**{k: tuple(v) if isinstance(v, list) else v for k, v in LAYOUT.items()}), (
    ProbeFrame(1.0, 1, ()),
    ProbeFrame(2.0, 2, (LABEL,)),
))
REPLY = {"defects": [{"kind": "illegible", "time": 1.93, "objects": ["label"], "cells": ["D4", "D5"],
                      "message": "the grey label at D4:D5 fades into the background; make it white"}]}


def test_keyframes_reach_the_server_as_base64_png_and_defects_come_back(llm_server, tmp_path):
    clip = tmp_path / "clip.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "color=c=black:size=426x240:rate=15:duration=2", "-pix_fmt", "yuv420p",
                str(clip)])
    times = beat_end_times(PROBE, fps=15)
    paths = keyframes(clip, times, tmp_path / "frames", grid=GridSpec.from_layout(LAYOUT))
    llm_server.reply(text=json.dumps(REPLY))
    llm = open_llm(f"openai:gpt-4.1@{llm_server.url}/v1", cache_dir=None, max_retries=0)

    [defect] = VisionCritic(llm).critique("s1", list(zip(times, paths)), PROBE)

    assert (defect.kind, defect.source, defect.objects, defect.beat) == ("illegible", "vlm", ("label",), 2)
    [body] = llm_server.requests
    assert body["model"] == "gpt-4.1" and body["response_format"] == {"type": "json_object"}
    parts = body["messages"][-1]["content"]
    images = [p["image_url"]["url"] for p in parts if p["type"] == "image_url"]
    assert len(images) == 2 and all(url.startswith("data:image/png;base64,") for url in images)
    with PILImage.open(io.BytesIO(base64.b64decode(images[0].split(",", 1)[1]))) as frame:
        assert frame.format == "PNG" and frame.size == (426, 240)
    assert any(p["type"] == "text" and "label | text | D4:E5 | hypotenuse" in p["text"] for p in parts)
