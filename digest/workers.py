"""Extraction on every core: the calling process extracts beside worker processes that each
load the model once, and every batch comes back in order to the one process that stores them.

With N workers configured, N - 1 processes help the calling process, which has the model loaded
already. A `Pool` keeps its processes between runs (`serve` holds one for its lifetime), so the
seconds a process spends starting Python, spaCy and the model are paid once, not every run; a
run with few new articles and no pool running extracts them in the calling process alone. Every
batch is read inside a spaCy memory zone, so words met once do not stay in the vocabulary of a
process that runs for months.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType

from spacy.language import Language

from digest.nlp import extract, extract_many, load_nlp
from digest.records import Extraction

log = logging.getLogger(__name__)

# Fewer new articles than this, with no worker running, are extracted in the calling process:
# starting a worker takes as long as extracting about this many articles.
POOL_FROM = 32
# Batches shrink as a run nears its end, to this many articles per worker share: the last
# batches are short, so no process is left reading a long one while the others wait.
SHARES_PER_WORKER = 4
# The smallest batch: smaller ones cost more in passing records between processes than they save.
MIN_BATCH = 4
# Batches queued per worker process: enough that none waits for the next, few enough to bound
# memory.
QUEUED_PER_WORKER = 2


@dataclass(frozen=True)
class Failed:
    """An article the pipeline failed on, with the error."""

    error: str


Outcome = Extraction | Failed


class Pool:
    """Up to `workers - 1` extraction processes beside the calling one, started on first need and
    kept until `close`: a long-running process pays for loading the model once."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    @property
    def running(self) -> bool:
        return self._executor is not None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the serving process has threads (scheduler, HTTP) a fork would
            # copy mid-step.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers - 1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    def close(self) -> None:
        """Stop the worker processes; the next run starts new ones."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def extract_all(
    texts: Sequence[str],
    nlp: Language,
    *,
    workers: int,
    batch_size: int,
    pool: Pool | None = None,
) -> Iterator[Outcome]:
    """Each text's extraction (or failure), in order, each batch's as soon as it is done; with
    `pool`, its processes are used and left running, else a pool lives for this run only."""
    running = pool is not None and pool.running
    if workers <= 1 or (len(texts) < POOL_FROM and not running) or len(texts) < 2:
        for batch in _batches(texts, [batch_size] * math.ceil(len(texts) / batch_size)):
            yield from extract_batch(batch, nlp)
        return
    if pool is None:
        with Pool(workers) as own:
            yield from _shared(texts, nlp, own, batch_size)
        return
    yield from _shared(texts, nlp, pool, batch_size)


def batch_sizes(count: int, workers: int, batch_size: int) -> list[int]:
    """Sizes to cut `count` texts into for `workers` processes: each a share of what is left,
    at most `batch_size`, shrinking towards the end so that all processes finish together."""
    sizes, left = [], count
    while left:
        share = math.ceil(left / (workers * SHARES_PER_WORKER))
        size = min(left, batch_size, max(MIN_BATCH, share))
        sizes.append(size)
        left -= size
    return sizes


def extract_batch(texts: Sequence[str], nlp: Language) -> list[Outcome]:
    """A batch's extractions; a batch that fails is redone text by text to find the culprit."""
    with nlp.memory_zone():
        try:
            return list(extract_many(texts, nlp))
        except Exception:
            log.exception("batch extraction failed; retrying article by article")
        return [_extract_one(text, nlp) for text in texts]


def _extract_one(text: str, nlp: Language) -> Outcome:
    try:
        return extract(text, nlp)
    except Exception as error:
        return Failed(f"{type(error).__name__}: {error}")


def _batches(texts: Sequence[str], sizes: list[int]) -> Iterator[Sequence[str]]:
    start = 0
    for size in sizes:
        yield texts[start : start + size]
        start += size


def _shared(texts: Sequence[str], nlp: Language, pool: Pool, batch_size: int) -> Iterator[Outcome]:
    """The batches in order: the pool's processes take them from the front of the queue, and
    this process takes the next one whenever the batch due is not back yet. A pool that breaks
    costs the batch due; what it held besides is read here."""
    batches = list(_batches(texts, batch_sizes(len(texts), pool.workers, batch_size)))
    todo = deque(range(len(batches)))
    sent: dict[int, Future[list[Outcome]]] = {}
    done: dict[int, list[Outcome]] = {}
    pool.executor()  # started here, or kept from an earlier run
    for due in range(len(batches)):
        while due not in done:
            while pool.running and todo and len(sent) < (pool.workers - 1) * QUEUED_PER_WORKER:
                number = todo.popleft()
                sent[number] = pool.executor().submit(_extract_in_worker, batches[number])
            future = sent.get(due)
            if future is not None and (future.done() or not todo):
                done[due] = _result(sent.pop(due), len(batches[due]), pool)
                if not pool.running:
                    todo, sent = deque(sorted([*sent, *todo])), {}
            else:
                number = todo.popleft()
                done[number] = extract_batch(batches[number], nlp)
        yield from done.pop(due)


def _result(future: Future[list[Outcome]], size: int, pool: Pool) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool as error:
        # A worker died (killed, out of memory): its batch is reported, and the next run starts
        # the pool afresh.
        log.error("an extraction worker died: %s", error)
        pool.close()
        return [Failed(f"the extraction worker died: {error}")] * size


def _start_worker(parent: int) -> None:
    load_nlp()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its workers: each leaves on its own when orphaned.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _extract_in_worker(texts: Sequence[str]) -> list[Outcome]:
    return extract_batch(texts, load_nlp())
