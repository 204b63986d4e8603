"""Metadata of a notice: 文号, dates, validity and the in-force rule, organs, citations."""
