"""Extraction on every core: batches of texts go to worker processes, each loading the model once,
and come back in order to the one process that stores them.

A run with few new articles extracts them in the calling process, with the model it already has:
starting a worker (a Python process loading spaCy and the model) costs seconds. Every batch is
read inside a spaCy memory zone, so words met once do not stay in the vocabulary of a process
that runs for months.
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

from spacy.language import Language

from digest.nlp import extract, extract_many, load_nlp
from digest.records import Extraction

log = logging.getLogger(__name__)

# Fewer new articles than this are extracted in the calling process: loading the model in a
# worker takes as long as extracting about this many articles.
POOL_FROM = 32
# Batches a run is cut into per worker, at least.
SHARES_PER_WORKER = 4
# Batches queued per worker: enough that none waits for the next, few enough to bound memory.
QUEUED_PER_WORKER = 2


@dataclass(frozen=True)
class Failed:
    """An article the pipeline failed on, with the error."""

    error: str


Outcome = Extraction | Failed


def extract_all(
    texts: Sequence[str], nlp: Language, *, workers: int, batch_size: int
) -> Iterator[Outcome]:
    """Each text's extraction (or failure), in order, each batch's as soon as it is done."""
    if workers <= 1 or len(texts) < POOL_FROM:
        for batch in _batches(texts, batch_size):
            yield from extract_batch(batch, nlp)
        return
    # Several batches per worker, so that none is left with the last long one while the others
    # wait (the model reads a batch 16 texts at a time whatever its size).
    size = min(batch_size, math.ceil(len(texts) / (workers * SHARES_PER_WORKER)))
    batches = list(_batches(texts, size))
    yield from _in_pool(batches, nlp, min(workers, len(batches)))


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


def _batches(texts: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


def _in_pool(batches: list[Sequence[str]], nlp: Language, workers: int) -> Iterator[Outcome]:
    # spawn, not fork: the serving process has threads (scheduler, HTTP) a fork would copy mid-step.
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    pending: deque[tuple[Sequence[str], Future[list[Outcome]]]] = deque()
    todo = deque(batches)
    try:
        while todo or pending:
            while todo and len(pending) < workers * QUEUED_PER_WORKER:
                batch = todo.popleft()
                pending.append((batch, pool.submit(_extract_in_worker, batch)))
            batch, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool as error:
                # A worker died (killed, out of memory): its batch is reported, the rest read here.
                log.error("an extraction worker died: %s", error)
                yield from (Failed(f"the extraction worker died: {error}") for _ in batch)
                for batch in [b for b, _ in pending] + list(todo):
                    yield from extract_batch(batch, nlp)
                return
    finally:
        pool.shutdown(cancel_futures=True)


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
