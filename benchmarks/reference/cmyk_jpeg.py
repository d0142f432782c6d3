"""Writes the CMYK JPEG that ImageFolderTest reads: a JPEG variant the JDK's own reader rejects.

Run: /usr/bin/python3 benchmarks/reference/cmyk_jpeg.py
Pillow saves a uniform CMYK image (no ICC profile, Adobe marker); the test expects the RGB Pillow
converts it to, printed here, within a tolerance (colour management differs between decoders).
"""
from pathlib import Path

from PIL import Image

OUT = Path(__file__).resolve().parents[2] / "toolkit-runtime/src/test/resources/images/cmyk.jpg"

image = Image.new("CMYK", (24, 16), (0, 128, 255, 0))
image.save(OUT, quality=95)
back = Image.open(OUT)
print(OUT, back.mode, back.size, "RGB by Pillow:", back.convert("RGB").getpixel((12, 8)))
