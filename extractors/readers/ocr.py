"""OCR of one page image: lines of text with boxes in PDF points and confidences.

The engine is RapidOCR (PP-OCRv6 small text detection and recognition) on onnxruntime, with
the ONNX models the `rapidocr` wheel ships: the model paths are given explicitly, so the
library never reaches for its download code. One engine per process and thread count, made on
first use and reused for every page (loading the models costs about a second).

Before recognition the page image is put upright: a page fed sideways (text lines running
down the page) is turned a quarter, and a small skew (paper fed not quite straight, up to
`max_skew_deg`) is measured from the ink's row profile and rotated out. Boxes are reported in
the upright page's coordinates, in points, so the PDF reader's layout (bands, columns,
reading order) works on them as on a text layer. The upright image is returned too, for the
ruling detection of `extractors.readers.scan_tables`.

Pure: an image (array or encoded bytes) in, plain data out; no file is read but the models.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import cv2
import numpy as np

from extractors.readers.ocr_threads import threads_from_env

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrSettings:
    # Text detection runs on the image scaled so its long side is this many pixels (about
    # 80 dpi for A4): 9 pt lines are still found, and it costs half of 1280 (measured: same
    # accuracy); recognition reads crops of the full image.
    det_long_side: int = 960
    # Lines the recogniser scores below this are specks, stamps and rule fragments.
    min_line_score: float = 0.3
    # A character read below this confidence is not trusted to make a 文号, a date, a label:
    # the PDF reader masks it. Measured on noisy scans of seven dense pages: 1 of 3,331
    # rightly read characters scores below 0.5; most misreads are width variants (( for （,
    # I for Ⅰ) that text normalisation absorbs anyway.
    min_char_confidence: float = 0.5
    # Skew is searched within ±this many degrees, coarse then fine.
    max_skew_deg: float = 3.0
    skew_coarse_step: float = 0.25
    skew_fine_step: float = 0.05
    # A skew below this is left alone: rotating costs more than it helps.
    min_skew_deg: float = 0.1
    # The ink's column profile must beat its row profile by this factor for the page to be
    # taken as turned a quarter (dense CJK text also aligns in columns, less sharply).
    turned_profile_ratio: float = 1.5
    # A page whose lines average below this confidence is tried upside down as well.
    upside_down_check_below: float = 0.6
    profile_side: int = 900  # pixels of the long side for the skew / turn profile
    rec_batch: int = 8  # lines recognised per model call
    # None: ocr_threads.THREADS_ENV if set (a pool of N workers sets it to its share of the cores, so N
    # engines do not each start a thread per core), else onnxruntime's default (every core).
    threads: int | None = None


@dataclass(frozen=True)
class OcrChar:
    text: str
    confidence: float
    bbox: Rect  # points, upright page


@dataclass(frozen=True)
class OcrLine:
    text: str
    bbox: Rect  # points, upright page
    confidence: float  # the recogniser's mean over the line's characters
    chars: tuple[OcrChar, ...] = ()

    @property
    def min_confidence(self) -> float:
        return min((c.confidence for c in self.chars), default=self.confidence)


@dataclass
class OcrPage:
    lines: list[OcrLine]
    width: float  # points, upright page
    height: float
    turn: int  # degrees the image was turned clockwise to read it: 0, 90, 180, 270
    skew: float  # degrees rotated out (counter-clockwise positive)
    scale: float  # image pixels per point
    image: np.ndarray = field(repr=False)  # the upright, deskewed grey image


def available_providers() -> list[str]:
    import onnxruntime

    return list(onnxruntime.get_available_providers())


def uses_gpu() -> bool:
    """onnxruntime-gpu installed and a CUDA device behind it."""
    return "CUDAExecutionProvider" in available_providers()


def model_paths() -> dict[str, str]:
    """The ONNX files inside the installed rapidocr wheel. Missing files are an install
    problem, reported as such: nothing is ever downloaded."""
    models = resources.files("rapidocr") / "models"
    paths = {
        "det": models / "PP-OCRv6_det_small.onnx",
        "rec": models / "PP-OCRv6_rec_small.onnx",
    }
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"rapidocr's bundled models are missing: {missing}")
    return {k: str(p) for k, p in paths.items()}


@functools.cache
def engine(threads: int | None = None, det_long_side: int = 960, rec_batch: int = 8):
    """The process's OCR engine for these settings, made once."""
    from rapidocr import RapidOCR
    from rapidocr.utils.typings import ModelType, OCRVersion

    paths = model_paths()
    params = {
        "Global.log_level": "error",
        "Global.use_cls": False,  # orientation is settled for the whole page, below
        "Global.text_score": 0.0,  # keep every line: confidence is ours to judge
        "Global.max_side_len": 10000,  # no shrinking: crops come from the full image
        "Det.model_path": paths["det"],
        "Det.ocr_version": OCRVersion.PPOCRV6,
        "Det.model_type": ModelType.SMALL,
        "Det.limit_type": "max",
        "Det.limit_side_len": det_long_side,
        "Rec.model_path": paths["rec"],
        "Rec.ocr_version": OCRVersion.PPOCRV6,
        "Rec.model_type": ModelType.SMALL,
        "Rec.rec_batch_num": rec_batch,
        "EngineConfig.onnxruntime.use_cuda": uses_gpu(),
    }
    if threads:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
        params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
    return RapidOCR(params=params)


def decode_grey(image: np.ndarray | bytes) -> np.ndarray:
    """A grey uint8 image from an array (grey, BGR or BGRA) or encoded bytes (PNG, JPEG …)."""
    if isinstance(image, bytes | bytearray | memoryview):
        decoded = cv2.imdecode(np.frombuffer(image, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
        if decoded is None:
            raise ValueError("not a decodable image")
        return decoded
    if image.ndim == 2:
        return image if image.dtype == np.uint8 else image.astype(np.uint8)
    code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(image, code)


def read_image(
    image: np.ndarray | bytes,
    width: float,
    height: float,
    settings: OcrSettings | None = None,
) -> OcrPage:
    """OCR of a page image that shows a page of `width` × `height` points (as displayed)."""
    settings = settings or OcrSettings()
    grey = decode_grey(image)
    ocr = engine(settings.threads or threads_from_env(), settings.det_long_side, settings.rec_batch)
    turned = _is_turned(grey, settings)
    turn = 270 if turned else 0  # np.rot90 turns counter-clockwise: 270° clockwise
    page = _read_upright(ocr, _rotated(grey, turn), turn, width, height, settings)
    if page.lines and _mean_confidence(page) < settings.upside_down_check_below:
        flipped = (turn + 180) % 360
        other = _read_upright(ocr, _rotated(grey, flipped), flipped, width, height, settings)
        if _mean_confidence(other) > _mean_confidence(page):
            page = other
    return page


def _rotated(grey: np.ndarray, turn: int) -> np.ndarray:
    """The image turned `turn` degrees clockwise."""
    quarters = (-turn // 90) % 4  # np.rot90 counts counter-clockwise quarters
    return np.ascontiguousarray(np.rot90(grey, quarters)) if quarters else grey


def _read_upright(
    ocr, grey: np.ndarray, turn: int, width: float, height: float, settings: OcrSettings
) -> OcrPage:
    if turn in (90, 270):
        width, height = height, width
    skew = _skew(_ink(grey, settings.profile_side), settings)
    if abs(skew) >= settings.min_skew_deg:
        grey = _rotate(grey, skew)
    scale = grey.shape[1] / width
    result = ocr(
        cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), return_word_box=True, return_single_char_box=True
    )
    lines = _lines(result, scale, settings.min_line_score)
    return OcrPage(lines, width, height, turn, skew, scale, grey)


def _lines(result, scale: float, min_score: float) -> list[OcrLine]:
    if result.boxes is None or result.txts is None:
        return []
    words = result.word_results or [()] * len(result.txts)
    lines = []
    for box, text, score, chars in zip(
        result.boxes, result.txts, result.scores, words, strict=True
    ):
        # A box of punctuation alone is a speck, a rule's end, an image edge: not text.
        if score < min_score or not any(ch.isalnum() for ch in text):
            continue
        lines.append(
            OcrLine(
                text=text,
                bbox=_bbox(box, scale),
                confidence=float(score),
                chars=tuple(
                    OcrChar(c, float(conf), _bbox(np.asarray(cbox, dtype=np.float32), scale))
                    for c, conf, cbox in (chars or ())
                ),
            )
        )
    return lines


def _bbox(quad: np.ndarray, scale: float) -> Rect:
    xs, ys = quad[:, 0], quad[:, 1]
    return (
        float(xs.min()) / scale,
        float(ys.min()) / scale,
        float(xs.max()) / scale,
        float(ys.max()) / scale,
    )


def _mean_confidence(page: OcrPage) -> float:
    total = sum(len(line.text) for line in page.lines)
    if not total:
        return 0.0
    return sum(line.confidence * len(line.text) for line in page.lines) / total


# -- upright: turn and skew from the ink's projection profile -----------------------------------


def _ink(grey: np.ndarray, side: int) -> np.ndarray:
    """A small binary image (1 = ink) for profile measurements."""
    s = min(1.0, side / max(grey.shape))
    small = cv2.resize(grey, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else grey
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink.astype(np.float32)


def _profile_sharpness(ink: np.ndarray, angle: float) -> float:
    """How sharply the ink's rows switch between text and gap after rotating by `angle`:
    straight text lines give tall, steep peaks in the row sums."""
    if angle:
        h, w = ink.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        ink = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
    rows = ink.sum(axis=1)
    return float(np.square(np.diff(rows)).sum()) / max(1.0, float(rows.sum()))


def _best_angle(ink: np.ndarray, settings: OcrSettings) -> tuple[float, float]:
    coarse = np.arange(
        -settings.max_skew_deg, settings.max_skew_deg + 1e-9, settings.skew_coarse_step
    )
    scores = [_profile_sharpness(ink, float(a)) for a in coarse]
    centre = float(coarse[int(np.argmax(scores))])
    fine = np.arange(
        centre - settings.skew_coarse_step,
        centre + settings.skew_coarse_step + 1e-9,
        settings.skew_fine_step,
    )
    scores = [_profile_sharpness(ink, float(a)) for a in fine]
    best = int(np.argmax(scores))
    return float(fine[best]), scores[best]


def _skew(ink: np.ndarray, settings: OcrSettings) -> float:
    """Degrees to rotate (counter-clockwise positive) to make the text lines level."""
    if not ink.any():
        return 0.0
    return round(_best_angle(ink, settings)[0], 2)


def _is_turned(grey: np.ndarray, settings: OcrSettings) -> bool:
    """Text lines run down the page: the column profile is much sharper than the row one."""
    ink = _ink(grey, settings.profile_side)
    if not ink.any():
        return False
    upright = _best_angle(ink, settings)[1]
    sideways = _best_angle(np.ascontiguousarray(np.rot90(ink)), settings)[1]
    return sideways > upright * settings.turned_profile_ratio


def _rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
