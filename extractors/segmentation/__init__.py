"""Segmentation: where each notice starts and ends, and the anatomy of each notice."""
