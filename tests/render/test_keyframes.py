"""Keyframes: frames at the asked times, with the anchor grid drawn on the lines and nowhere else."""

import pytest
from PIL import Image

from code2video.errors import RenderError
from code2video.render.keyframes import GridSpec, keyframes
from code2video.render.media import run_ffmpeg

LAYOUT = {"frame": [14.222, 8.0], "pixel_height": 480, "title_band": [3.0, 4.0], "column_x": [-6.95, -2.75],
          "visual_x": [-2.45, 6.85], "visual_y": [-3.8, 2.85]}
SIZE = (854, 480)
BACKGROUND = (30, 30, 30)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    path = tmp_path_factory.mktemp("clip") / "clip.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", f"color=c=0x1e1e1e:size={SIZE[0]}x{SIZE[1]}:rate=15:duration=2",
                "-pix_fmt", "yuv420p", str(path)])
    return path


def pixel(x: float, y: float) -> tuple[int, int]:
    """Scene units to pixels, worked out here independently of the module."""
    return round((x + 14.222 / 2) / 14.222 * SIZE[0]), round((4.0 - y) / 8.0 * SIZE[1])


def changed(image: Image.Image, x: float, y: float, reach: int = 0) -> bool:
    """Whether any pixel within ``reach`` of the point differs clearly from the background."""
    px, py = pixel(x, y)
    return any(max(abs(a - b) for a, b in zip(image.getpixel((px + dx, py + dy)), BACKGROUND)) > 12
               for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1))


def test_frames_come_at_each_time_with_the_frame_size(clip, tmp_path):
    paths = keyframes(clip, [0.5, 1.9], tmp_path / "frames", grid=GridSpec.from_layout(LAYOUT))
    assert [p.name for p in paths] == ["keyframe-01.png", "keyframe-02.png"]
    for path in paths:
        with Image.open(path) as image:
            assert image.size == SIZE


def test_overlay_marks_grid_lines_and_region_borders_only(clip, tmp_path):
    [path] = keyframes(clip, [1.0], tmp_path, grid=GridSpec.from_layout(LAYOUT))
    image = Image.open(path).convert("RGB")
    left, cell_w, top, cell_h = -2.45, 9.3 / 6, 2.85, 6.65 / 6
    middle_of_row_c = top - 2.5 * cell_h
    assert changed(image, left + 3 * cell_w, middle_of_row_c, reach=1)  # the line between C3 and C4
    assert changed(image, left + 2.5 * cell_w, top - 3 * cell_h, reach=1)  # the line between C3 and D3
    assert changed(image, -2.75, 0.0, reach=1)  # the right border of the lecture column
    assert changed(image, 0.0, 3.0, reach=1)  # the bottom of the title band
    assert not changed(image, left + 2.5 * cell_w, middle_of_row_c, reach=3)  # the middle of C3
    assert not changed(image, left + 4.6 * cell_w, top - 5.6 * cell_h, reach=3)  # inside F5, right of its label
    assert not changed(image, -4.85, -1.0, reach=3)  # inside the lecture column
    assert not changed(image, 0.0, 3.5, reach=3)  # inside the title band


def test_cell_labels_are_drawn_in_each_corner(clip, tmp_path):
    [path] = keyframes(clip, [1.0], tmp_path, grid=GridSpec.from_layout(LAYOUT))
    image = Image.open(path).convert("RGB")
    px, py = pixel(-2.45, 2.85)  # the top-left corner of A1
    label = [image.getpixel((x, y)) for x in range(px + 4, px + 24) for y in range(py + 3, py + 15)]
    assert max(max(abs(a - b) for a, b in zip(p, BACKGROUND)) for p in label) > 60


def test_time_past_the_end_is_a_render_error(clip, tmp_path):
    with pytest.raises(RenderError, match="past the end"):
        keyframes(clip, [30.0], tmp_path, grid=GridSpec.from_layout(LAYOUT))
