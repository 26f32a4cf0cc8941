"""A small Paper digest built in code, so planner tests do not depend on the LaTeX reader."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from code2video.paper.model import Author, Equation, Figure, Paper, PaperSection, Table


def digest(assets: Path) -> Paper:
    assets.mkdir(parents=True, exist_ok=True)
    for name, color in (("fig-1.png", "steelblue"), ("fig-2.png", "orange")):
        Image.new("RGB", (320, 200), color).save(assets / name)
    intro = PaperSection("Introduction", 1, paragraphs=[
        "Long lecture videos are expensive to analyse because every frame attends to every other frame. "
        "A one hour lecture holds about ninety thousand frames at standard rates. "
        "In this paper, we propose anchor attention, which lets each frame attend to a few anchor frames only. "
        "Our method keeps accuracy while it reduces the cost from quadratic to linear."])
    anchors = PaperSection("Choosing anchors", 2, paragraphs=[
        "We choose anchors where the picture changes the most. "
        "The change score of a frame is the distance between its features and those of the previous frame, "
        "as Equation 1 shows. Frames whose score passes a threshold become anchors."], items=["eq-1", "fig-1"])
    attending = PaperSection("Attending to anchors", 2, paragraphs=[
        "Each frame attends only to the anchors before it. "
        "This keeps the memory use linear in the length of the video."])
    method = PaperSection("Method", 1, children=[anchors, attending])
    experiments = PaperSection("Experiments", 1, paragraphs=[
        "We test anchor attention on three lecture benchmarks. "
        "Table 1 compares accuracy and speed with dense attention. "
        "Our method is four times faster at the same accuracy, as Figure 2 shows."], items=["tab-1", "fig-2"])
    conclusion = PaperSection("Conclusion", 1, paragraphs=[
        "Anchor attention makes long videos cheap to analyse. "
        "In future work we will learn where to place anchors."])
    return Paper(
        title="Anchor Attention for Long Lecture Videos",
        authors=[Author("Ada Park", ["North Lab"]), Author("Ben Ortiz", ["North Lab", "South University"])],
        abstract="We present anchor attention for long videos. It attends to a few anchor frames instead of all "
                 "frames. On three benchmarks it is four times faster with the same accuracy.",
        sections=[intro, method, experiments, conclusion],
        figures=[Figure("fig-1", 1, "Anchors chosen on a lecture video.", [assets / "fig-1.png"]),
                 Figure("fig-2", 2, "Speed against video length.", [assets / "fig-2.png"])],
        tables=[Table("tab-1", 1, "Accuracy and speed on three benchmarks.", header=["Method", "Accuracy", "Speed"],
                      rows=[["Dense", "71.2", "1x"], ["Ours", "71.0", "4x"]])],
        equations=[Equation("eq-1", r"s_t = \| f_t - f_{t-1} \|", "s_t = norm(f_t - f_(t - 1))",
                            "s sub t equals the norm of f sub t minus f sub t minus 1", number=1)],
    )
