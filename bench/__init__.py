"""Speed and memory numbers, run by hand (`python -m bench.pdf …`, `python -m bench.search …`).

Not part of the installed package: they measure the pipeline, they are not the pipeline.
tests/test_bench.py runs each once on a tiny input so they cannot rot unnoticed.
"""
