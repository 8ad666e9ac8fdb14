"""Extraction on Dask distributed: a local cluster by default, or an existing scheduler by address.

Each worker loads the spaCy pipeline once, when it joins (a worker plugin), and keeps it for every chunk it is sent;
a chunk is parsed with ``nlp.pipe`` like the single-process path. Dask is an optional extra
(``pip install veracity[dask]``); without it, asking for this engine is a :class:`ConfigError` that says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from veracity.model.errors import ConfigError

if TYPE_CHECKING:
    from veracity.extract import Extraction
    from veracity.model.records import Document
    from veracity.run.engine import Pending

PLUGIN = "veracity-pipeline"

try:
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
except ImportError:  # pragma: no cover - the extra is installed wherever the tests run
    WorkerPlugin = object  # type: ignore[misc,assignment]
    Client = LocalCluster = get_worker = None  # type: ignore[misc,assignment]


class PipelinePlugin(WorkerPlugin):
    """Loads the extractor once per worker (``setup`` runs as the worker starts, or joins later)."""

    name = PLUGIN

    def __init__(self, model: str, statements: str) -> None:
        self.model, self.statements = model, statements
        self.extractor: Any = None

    def setup(self, worker: Any) -> None:
        from veracity.extract import Extractor

        self.extractor = Extractor(model=self.model, statements=self.statements)


def extract_chunk(docs: list[Document], batch_size: int) -> list[Extraction]:
    """The task a worker runs: its own loaded pipeline over one chunk, in order."""
    plugin: Any = get_worker().plugins[PLUGIN]
    return list(plugin.extractor.extract_many(docs, batch_size=batch_size))


class DaskExecutor:
    """An :class:`~veracity.run.engine.Executor` on Dask: ``address`` of a running scheduler, or ``workers``
    processes (threads with ``processes=False``) of a new local cluster, closed with the executor."""

    def __init__(self, model: str, statements: str, address: str | None = None, workers: int = 2,
                 processes: bool = True, batch_size: int = 64) -> None:
        if Client is None:
            raise ConfigError("the dask engine needs Dask distributed", fix="pip install 'veracity[dask]'")
        from veracity.extract.context import VERSION

        self.version = f"veracity.extract@{VERSION}"
        self.batch_size = batch_size
        self.cluster = None if address else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None)
        try:
            self.client = Client(address or self.cluster, timeout=30)
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {exc}",
                              fix="start one (dask scheduler) or leave --address out for a local cluster") from exc
        self.client.register_plugin(PipelinePlugin(model, statements))
        self.workers = len(self.client.scheduler_info()["workers"]) or workers

    def submit(self, docs: list[Document]) -> Pending:
        future: Pending = self.client.submit(extract_chunk, docs, self.batch_size, pure=False)
        return future

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
