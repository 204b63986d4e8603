"""Make a noisy scan of a PDF: every page rendered, degraded the way a scanner does, and
wrapped into an image-only PDF with no text layer.

The OCR path is tested against these, made from the project's own born-digital fixtures
(tests/pdfgen, tests/pdfgen_story, raw/pdf), so the born-digital extract of the same file is
the reference a scan is scored against. Degradations, each from a seeded generator so the same
input and settings give the same bytes:

- rendering at a scanner's resolution, in grey;
- a slight skew, uniformly within ±`max_skew_deg` per page (paper fed not quite straight);
- paper grain (Gaussian noise), a little blur (optics), dust (dark speckles);
- JPEG compression at a low quality (ringing and block artefacts around glyphs);
- optionally pages fed sideways: the image turned 90° and the page made landscape.

    from tests.scangen import ScanSettings, scan_pdf
    scanned = scan_pdf(pdf_bytes, ScanSettings(turned_pages=(3,)))

    python -m tests.scangen IN.pdf OUT.pdf [--dpi 200] [--turn 3] [--seed 0]
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pymupdf


@dataclass(frozen=True)
class ScanSettings:
    # Office scanners archive gazettes at 150–300 dpi; 200 is the common setting.
    dpi: int = 200
    max_skew_deg: float = 1.5
    noise_sigma: float = 10.0  # grey levels of paper grain
    blur_sigma: float = 0.7  # pixels of optical blur
    speckles_per_mpx: float = 300.0  # dust specks per million pixels
    jpeg_quality: int = 50
    turned_pages: tuple[int, ...] = ()  # 0-based pages fed sideways (turned 90° clockwise)
    seed: int = 0


def render_grey(page: pymupdf.Page, dpi: int) -> np.ndarray:
    """The page as shown (its /Rotate applied), in grey, one byte per pixel."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width).copy()


def degrade(image: np.ndarray, settings: ScanSettings, rng: np.random.Generator) -> np.ndarray:
    """One grey page image as a scanner would give it (before compression)."""
    height, width = image.shape
    angle = rng.uniform(-settings.max_skew_deg, settings.max_skew_deg)
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    out = cv2.warpAffine(
        image, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
    ).astype(np.float32)
    if settings.blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), settings.blur_sigma)
    # Paper is never white: a slightly grey, uneven ground.
    out = out * 0.92 + 8.0 + rng.normal(0.0, settings.noise_sigma, out.shape)
    specks = int(settings.speckles_per_mpx * width * height / 1e6)
    ys, xs = rng.integers(0, height, specks), rng.integers(0, width, specks)
    out[ys, xs] = rng.uniform(0, 120, specks)
    return np.clip(out, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


def scan_pdf(data: bytes, settings: ScanSettings | None = None) -> bytes:
    """The PDF as an image-only scan: one JPEG per page, pages the size of the original (a page
    fed sideways is landscape)."""
    settings = settings or ScanSettings()
    rng = np.random.default_rng(settings.seed)
    out = pymupdf.open()
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        for index, page in enumerate(pdf):
            image = render_grey(page, settings.dpi)
            width, height = page.rect.width, page.rect.height
            if index in settings.turned_pages:
                image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
                width, height = height, width
            target = out.new_page(width=width, height=height)
            target.insert_image(
                target.rect, stream=jpeg(degrade(image, settings, rng), settings.jpeg_quality)
            )
    # No dates, no id: the same input gives the same bytes.
    out.set_metadata({})
    result = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    out.close()
    return result
