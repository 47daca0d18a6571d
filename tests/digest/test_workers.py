import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from digest import store, workers
from digest.config import load_config
from digest.ingest import run
from tests.digest.fake_web import running
from tests.digest.test_ingest import (
    LATER,
    _quotes_per_article,
    _wait_for_articles,
    distinct_story,
)
from tests.digest.test_sources import item, rss

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


def test_a_run_with_workers_killed_midway_stores_whole_articles_and_leaves_no_worker(tmp_path, nlp):
    count = len(TEXTS)
    with running() as web:
        url = web.serve("/feed", rss(*(item(n, text) for n, text in enumerate(TEXTS))))
        db_path, config_path = tmp_path / "killed.db", tmp_path / "killed.toml"
        config_path.write_text(
            f'[database]\npath = "{db_path}"\n[ingest]\nbatch_size = 2\nworkers = 2\n'
            f'[[sources]]\nname = "wire"\nkind = "feed"\nurl = "{url}"\n',
            encoding="utf-8",
        )
        command = [str(Path(sys.executable).parent / "tradedigest"), "ingest"]
        env = {**os.environ, "TRADEDIGEST_CONFIG": str(config_path)}
        log = tmp_path / "ingest.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
        try:
            _wait_for_articles(db_path, process, log, at_least=2)
            children = _children(process.pid)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        assert len(children) >= 2  # the workers, and spawn's resource tracker
        _wait_until_gone(children)
        killed = store.open_store(db_path)
        stored = killed["articles"].count
        assert 2 <= stored < count
        assert _quotes_per_article(killed) == [1] * stored
        [report] = run(load_config(environ={}, path=config_path), killed, nlp, LATER)
    assert (report.seen, report.new, report.error) == (count, count - stored, None)
    assert _quotes_per_article(killed) == [1] * count


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def _wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() < deadline, "worker processes outlived the killed run"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its parent has to reap it
