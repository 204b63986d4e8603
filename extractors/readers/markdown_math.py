"""Inline TeX that PDF-to-Markdown converters (MinerU, marker) wrap around numbers and units.

MinerU writes `$\\mu \\mathrm{g}/\\mathrm{m}^{3}$` where the gazette prints μg/m3, and
`$\\mathrm{SO}_{2}$` for SO2; the text and PDF paths read those as plain characters, so the
Markdown reader turns such spans back into them. Only spans made of TeX markup, letters,
digits and unit punctuation are rewritten; anything else (a real `$` price, an equation with
commands not listed here) is left as the converter wrote it.
"""

from __future__ import annotations

import re

# Commands whose argument is just text (\mathrm{g} → g).
_TEXT_COMMANDS = re.compile(r"\\(?:mathrm|text|textrm|mathbf|mathit|boldsymbol|operatorname|rm)\s*")
# Symbols the gazette prints in units and values.
_SYMBOLS = {
    "mu": "μ",
    "%": "%",
    "times": "×",
    "cdot": "·",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "pm": "±",
    "sim": "～",
    "circ": "°",
    "degree": "°",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "Delta": "Δ",
    "permil": "‰",
    "approx": "≈",
    "div": "÷",
    "left": "",
    "right": "",
}
# Spacing commands: TeX spacing is layout, the printed text has none.
_SPACING = re.compile(r"\\[,;:! ]|\\q?quad\b|~")
_COMMAND = re.compile(r"\\([A-Za-z]+|%)")
# A span this long is an equation, not a unit or a number.
MAX_MATH_CHARS = 120
_SPAN = re.compile(r"\$\$?([^$\n]{1," + str(MAX_MATH_CHARS) + r"})\$\$?")
# What a unit or number span may hold once its commands are known.
_PLAIN_MATH = re.compile(r"^[\w\s{}^_/.,%+\-()（）\[\]|=<>·×μ≤≥±～°αβγδΔ‰≈÷'′]*$")


def _convert(tex: str) -> str | None:
    """The plain characters of one TeX span, or None when it holds an unknown command."""
    text = _SPACING.sub("", tex)
    text = _TEXT_COMMANDS.sub("", text)
    unknown = False

    def symbol(m: re.Match[str]) -> str:
        nonlocal unknown
        name = m.group(1)
        if name not in _SYMBOLS:
            unknown = True
            return m.group(0)
        return _SYMBOLS[name]

    text = _COMMAND.sub(symbol, text)
    if unknown or not _PLAIN_MATH.match(text):
        return None
    # Sub- and superscripts print inline in the gazette (m3, SO2): drop the markers.
    text = re.sub(r"[_^]", "", text)
    text = text.replace("{", "").replace("}", "")
    # TeX ignores spaces inside math; MinerU spaces every token (`2 0 2 4`).
    return re.sub(r"\s+", "", text)


def plain_math(text: str) -> str:
    """`text` with every inline TeX span of units and numbers turned into plain characters."""
    if "$" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        plain = _convert(m.group(1))
        return m.group(0) if plain is None else plain

    return _SPAN.sub(repl, text)
