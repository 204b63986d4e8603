"""`gazette extract --cluster ADDRESS`: the batch on a Dask distributed cluster.

Each file is one task: a worker reads it, extracts it and stages its Parquet files in the
shared output through fsspec (temp names beside the final ones, as a local worker does); this
process, the client, then publishes them and commits the catalog, in input order, exactly as
the local path does, so the two give the same bytes. The workers must see the inputs and the
output under the paths given (a shared filesystem; an fsspec URL for the output works for
the staging, but the catalog and its lock need a POSIX folder on the client).

A worker that dies takes its task with it; the scheduler runs it again elsewhere, as many
times as its `distributed.scheduler.allowed-failures` says (1 in CI: retried once), and then
the file gets a `worker_died` diagnostic instead of ending the batch. Tasks are submitted a
window ahead of the one being committed, so the client holds few results at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.one_file import Extracted, extract_and_stage, worker_died

# Tasks in flight per worker of the cluster: keeps every worker busy while the client commits
# in input order, without sending the whole batch's results at once.
_AHEAD_PER_WORKER = 4
_CONNECT_TIMEOUT = "20s"


class ClusterExtractor:
    """Callable like the local extractor: paths → staged issues, in input order."""

    def __init__(self, address: str, out: str, timeout: float | None, ocr: str = "auto") -> None:
        import fsspec
        from distributed import Client

        self.address = address
        self.out = out
        # Local paths as file:// through fsspec, so workers write the way they would write to
        # object storage; the client moves the staged files with the same filesystem.
        self.fs, self.root = fsspec.core.url_to_fs(out)
        self.timeout = timeout  # not applied: Dask runs tasks in threads, where no alarm rings
        self.ocr = ocr
        self.client = Client(address, timeout=_CONNECT_TIMEOUT, set_as_default=False)

    def __call__(self, paths: list[str]) -> Iterator[Extracted]:
        from distributed import KilledWorker

        try:
            workers = max(1, len(self.client.scheduler_info().get("workers", {})))
            window = workers * _AHEAD_PER_WORKER
            futures = []
            submitted = 0
            for index, path in enumerate(paths):
                while submitted < len(paths) and submitted < index + window:
                    futures.append(self._submit(paths[submitted]))
                    submitted += 1
                future = futures[index]
                try:
                    yield future.result()
                except KilledWorker:
                    yield worker_died(path)
                futures[index] = None  # let the client forget it
                future.release()
        finally:
            self.client.close()

    def _submit(self, path: str):  # -> distributed.Future
        # pure=False: the same path twice in two runs is two tasks, never a cached result.
        return self.client.submit(
            extract_and_stage, path, self.root, None, self.fs, self.ocr, pure=False
        )
