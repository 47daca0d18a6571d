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
    assert len(children) == 1  # this process is the other worker, with the model it has
    assert outcomes == alone
    assert all(o.quotes and o.figures for o in outcomes)  # every story has its quote and figure
    assert not multiprocessing.active_children()  # a run's own pool ends with it


def test_a_pool_keeps_its_processes_between_runs_until_closed(nlp, alone):
    with workers.Pool(3) as pool:
        first = list(workers.extract_all(TEXTS, nlp, workers=3, batch_size=8, pool=pool))
        started = {child.pid for child in multiprocessing.active_children()}
        few = TEXTS[:3]  # too few to start a pool, but a running one is used
        second = list(workers.extract_all(few, nlp, workers=3, batch_size=1, pool=pool))
        assert {child.pid for child in multiprocessing.active_children()} == started
    assert len(started) == 2
    assert first == alone and second == alone[:3]
    assert not multiprocessing.active_children()


def test_a_small_run_is_extracted_in_this_process(nlp, alone):
    few = TEXTS[: workers.POOL_FROM - 1]
    outcomes = []
    for outcome in workers.extract_all(few, nlp, workers=2, batch_size=8):
        assert not multiprocessing.active_children()
        outcomes.append(outcome)
    assert outcomes == alone[: len(few)]


@pytest.mark.parametrize(
    ("count", "processes", "most", "sizes"),
    [
        (200, 2, 32, [25, 22, 20, 17, 15, 13, 11, 10, 9, 8, 7, 6, 5, 4, 4, 4, 4, 4, 4, 4, 4]),
        (40, 2, 8, [5, 5, 4, 4, 4, 4, 4, 4, 4, 2]),
        (1000, 2, 32, None),  # capped at `most` until the shares fall below it
        (3, 4, 32, [3]),
    ],
)
def test_batches_shrink_towards_the_end_so_every_process_finishes_together(
    count, processes, most, sizes
):
    found = workers.batch_sizes(count, processes, most)
    assert sum(found) == count and max(found) <= most
    assert found == sorted(found, reverse=True)
    if sizes is not None:
        assert found == sizes


def test_a_worker_that_dies_costs_its_batch_only(nlp, alone):
    outcomes = []
    with workers.Pool(2) as pool:
        for outcome in workers.extract_all(TEXTS, nlp, workers=2, batch_size=4, pool=pool):
            if not outcomes:
                for child in multiprocessing.active_children():
                    os.kill(child.pid, signal.SIGKILL)
            outcomes.append(outcome)
        assert not pool.running  # the next run starts it afresh
    failed = [i for i, o in enumerate(outcomes) if isinstance(o, workers.Failed)]
    assert 0 < len(failed) <= 4 and "worker died" in outcomes[failed[0]].error
    assert [o for i, o in enumerate(outcomes) if i not in failed] == [
        o for i, o in enumerate(alone) if i not in failed
    ]
