"""Organ names (机关名称), one recogniser: `names` over the shipped division and organ lists."""

from extractors.metadata.organs.names import (
    is_org_name,
    organisations,
    split_issuers,
    split_organs,
)

__all__ = ["is_org_name", "organisations", "split_issuers", "split_organs"]
