"""Group commit: concurrent callers share writes, each gets its own result or the write's error."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from atrium.db.group_commit import GroupCommit


class SlowWrite:
    """A write that takes a while (like a round trip), records its batches and doubles each item."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.batches: list[list[int]] = []
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def __call__(self, items: list[int]) -> list[int]:
        time.sleep(0.02)
        with self.lock:
            self.batches.append(items)
        if self.fail_on in items:
            raise ConnectionError("database went away")
        return [item * 2 for item in items]


def test_a_lone_call_is_written_at_once_with_its_own_result():
    write = SlowWrite()
    assert GroupCommit(write)(21) == 42
    assert write.batches == [[21]]


def test_concurrent_calls_share_writes_and_each_gets_its_own_result():
    write = SlowWrite()
    group = GroupCommit(write)
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(group, range(200)))
    assert results == [n * 2 for n in range(200)]
    assert sorted(item for batch in write.batches for item in batch) == list(range(200))  # each written once
    assert len(write.batches) < 100  # callers that arrived during a write went together in the next one


def test_batches_respect_the_maximum_size():
    write = SlowWrite()
    group = GroupCommit(write, max_batch=5)
    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(group, range(60)))
    assert max(len(batch) for batch in write.batches) <= 5


def test_a_failed_write_fails_every_call_of_its_batch_and_only_those():
    write = SlowWrite(fail_on=7)
    group = GroupCommit(write)

    def call(item: int) -> object:
        try:
            return group(item)
        except ConnectionError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = dict(zip(range(40), pool.map(call, range(40)), strict=True))
    failed_batch = next(batch for batch in write.batches if 7 in batch)
    for item, outcome in outcomes.items():
        if item in failed_batch:
            assert isinstance(outcome, ConnectionError)
        else:
            assert outcome == item * 2
    assert group(100) == 200  # the group goes on after a failure


def test_a_write_returning_the_wrong_number_of_results_is_an_error():
    group = GroupCommit(lambda items: [])
    with pytest.raises(RuntimeError, match="0 results for 1 items"):
        group(1)
