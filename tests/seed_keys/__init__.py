"""Answer keys of the two real gazette issues in raw/, read by hand (line numbers beside values).

One module per issue, each with the same names (SOURCE, ISSUE, NOTICES, DOC_NUMBERS, BY_DOC,
DOC_PARTS, CITATIONS, ARTICLES, NO_ARTICLES, ARTICLE_TEXTS, ATTACHMENTS, TOC), so that
tests/test_seeds.py asks the same questions of both and tests/test_seed_<nnn>.py keeps only
what is particular to one issue.
"""

from tests.seed_keys import seed_000, seed_003

SEEDS = (seed_000, seed_003)
