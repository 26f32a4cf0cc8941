"""Draws the test paper's figures: three small PNGs (Pillow) and one vector PDF (hand-written operators).

Run once from anywhere; the outputs are committed, so tests never need to run this.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

FIGURES = Path(__file__).parent / "figures"


def overview(path: Path) -> None:
    """Frames in a row, the anchors highlighted, arrows from every frame to the anchors."""
    image = Image.new("RGB", (480, 200), "white")
    draw = ImageDraw.Draw(image)
    anchors = {2, 6}
    for index in range(9):
        x = 20 + index * 50
        fill = (230, 120, 40) if index in anchors else (150, 170, 200)
        draw.rectangle([x, 130, x + 36, 170], fill=fill, outline="black")
        for anchor in anchors:
            draw.line([x + 18, 130, 38 + anchor * 50, 60], fill=(120, 120, 120), width=1)
    draw.rectangle([60, 20, 420, 60], outline="black", width=2)
    draw.text((170, 34), "sparse anchor attention", fill="black")
    image.save(path, optimize=True)


def filmstrip(path: Path, highlight: tuple[int, ...], tint: tuple[int, int, int]) -> None:
    """A strip of frames, some marked as anchors."""
    image = Image.new("RGB", (320, 120), "white")
    draw = ImageDraw.Draw(image)
    for index in range(6):
        x = 10 + index * 51
        draw.rectangle([x, 20, x + 45, 100], fill=tint, outline="black")
        if index in highlight:
            draw.rectangle([x - 3, 17, x + 48, 103], outline=(220, 30, 30), width=3)
    image.save(path, optimize=True)


def memory_pdf(path: Path) -> None:
    """A one-page vector plot: axes, a quadratic and a linear curve, two legend boxes."""
    ops = ["1 w 0 0 0 RG", "40 30 m 40 190 l S", "40 30 m 290 30 l S"]
    quadratic = " ".join(f"{40 + x * 2.5:.1f} {30 + (x / 10) ** 2 * 1.6:.1f} l" for x in range(1, 101))
    linear = " ".join(f"{40 + x * 2.5:.1f} {30 + x * 0.35:.1f} l" for x in range(1, 101))
    ops += ["0.8 0.2 0.2 RG 2 w", f"40 30 m {quadratic} S", "0.9 0.45 0.1 RG", f"40 30 m {linear} S"]
    ops += ["0.8 0.2 0.2 rg 210 170 12 8 re f", "0.9 0.45 0.1 rg 210 155 12 8 re f"]
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 210] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def main() -> None:
    FIGURES.mkdir(exist_ok=True)
    overview(FIGURES / "overview.png")
    filmstrip(FIGURES / "qual_a.png", (1, 4), (120, 180, 120))
    filmstrip(FIGURES / "qual_b.png", (2, 3), (200, 180, 140))
    memory_pdf(FIGURES / "memory.pdf")


if __name__ == "__main__":
    main()
