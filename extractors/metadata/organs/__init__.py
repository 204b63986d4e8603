"""Organ names (机关名称), one home: `names` tests a line's shape (segmentation runs it on
every line), `entities` finds and splits organs with spaCy rules (issuers, running text).

Importing this package loads neither spaCy nor jieba; the pipeline is built on first use.
"""

from extractors.metadata.organs.entities import organisations, pipeline, split_organs
from extractors.metadata.organs.names import is_org_name, split_issuers

__all__ = ["is_org_name", "organisations", "pipeline", "split_issuers", "split_organs"]
