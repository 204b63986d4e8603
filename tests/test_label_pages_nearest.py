"""Page labels carried from the nearest page-number anchor: the bisection picks the same
anchor as the rule's plain statement (nearest page, the earlier one on a tie)."""

from __future__ import annotations

import random

from extractors.layout.pages import _nearest


def test_nearest_anchor_is_the_rules_choice() -> None:
    rng = random.Random(12)
    for _ in range(5000):
        indexes = sorted(rng.sample(range(1, 60), rng.randint(1, 8)))
        anchors = [(i, rng.randint(1, 99)) for i in indexes]
        page = rng.randint(1, 70)
        expected = min(anchors, key=lambda a: abs(a[0] - page))  # first minimum: the earlier
        assert _nearest(anchors, indexes, page) == expected
