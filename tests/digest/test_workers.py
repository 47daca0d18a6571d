import multiprocessing
import os
import signal

import pytest

from digest import workers
from tests.digest.test_ingest import distinct_story

TEXTS = [distinct_story(n) for n in range(workers.POOL_FROM + 8)]


@pytest.fixture(scope="module")
def alone(nlp):
    return list(workers.extract_all(TEXTS, nlp, workers=1, batch_size=8))


def test_two_workers_give_the_same_extractions_as_one(nlp, alone):
    outcomes, children = [], set()
    for outcome in workers.extract_all(TEXTS, nlp, workers=2, batch_size=8):
        children |= {child.pid for child in multiprocessing.active_children()}
        outcomes.append(outcome)
    assert len(children) == 2  # the model ran in two other processes
    assert outcomes == alone
    assert all(o.quotes and o.figures for o in outcomes)  # every story has its quote and figure


def test_a_small_run_is_extracted_in_this_process(nlp, alone):
    few = TEXTS[: workers.POOL_FROM - 1]
    outcomes = []
    for outcome in workers.extract_all(few, nlp, workers=2, batch_size=8):
        assert not multiprocessing.active_children()
        outcomes.append(outcome)
    assert outcomes == alone[: len(few)]


def test_a_worker_that_dies_costs_its_batch_only(nlp, alone):
    outcomes = []
    for outcome in workers.extract_all(TEXTS, nlp, workers=2, batch_size=4):
        if not outcomes:
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
        outcomes.append(outcome)
    failed = [i for i, o in enumerate(outcomes) if isinstance(o, workers.Failed)]
    assert 0 < len(failed) <= 4 and "worker died" in outcomes[failed[0]].error
    assert [o for i, o in enumerate(outcomes) if i not in failed] == [
        o for i, o in enumerate(alone) if i not in failed
    ]
