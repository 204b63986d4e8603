"""A third PDF typesetter: real-corpus documents set the way real 公文 and gazettes print them.

tests/pdfgen and tests/pdfgen_story set the two 泸州 seed issues; this package sets the
documents of tests/fixtures/real/ (other provinces, levels and forms), so the PDF reader is
judged on text it was never tuned on, field by field against the same hand-read keys
(tests/test_pdf_real_corpus.py). See README.md for the layouts.

    from tests.pdfgen_real import printed, gongwen_pdf, gazette_pdf, Issue
"""

from __future__ import annotations

from .layouts import Issue, gazette_pdf, gongwen_pdf
from .source import Printed, mark_up

__all__ = ["Issue", "Printed", "gazette_pdf", "gongwen_pdf", "mark_up"]
