"""Crash-safe saves, proven by killing the writer: every acknowledged save survives SIGKILL."""

from __future__ import annotations

import os
import random
import select
import signal
import time

from tui.core.repository import Workspace

KILLS = 200


def writer(path, ack_fd: int, start: int) -> None:
    """In the child: save stories one by one and acknowledge each once add() returned."""
    ws = Workspace(path)
    n = start
    while True:
        ws.add("story", {"title": f"story {n}", "result": "x" * random.randint(0, 400)})
        os.write(ack_fd, f"{n}\n".encode())
        n += 1


def first_ack(fd: int, timeout: float = 20.0) -> bytes:
    """Wait until the writer has acknowledged a save (a busy machine may take a while just to
    open the file), so every kill lands among saves, never before the first one."""
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
    return data


def read_acks(fd: int, data: bytes = b"") -> list[int]:
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    # a number cut off by the kill has no newline yet: it was not acknowledged
    return [int(line) for line in data.split(b"\n")[:-1]]


def test_acknowledged_saves_survive_sigkill(tmp_path):
    rng = random.Random(20261127)
    path = tmp_path / "workspace.json"
    acknowledged: set[int] = set()
    next_number = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_fd)
            try:
                writer(path, write_fd, next_number)
            finally:
                os._exit(0)
        os.close(write_fd)
        # the kill lands at a random moment after the first acknowledged save
        started = first_ack(read_fd)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acks = read_acks(read_fd, started)
        os.close(read_fd)
        acknowledged.update(acks)
        if acks:
            next_number = max(acks) + 1
        # after every kill: the file opens, and holds every save ever acknowledged
        reader = Workspace(path, read_only=True)
        titles = {s.title for s in reader.all_records("story")}
        reader.close()
        missing = {n for n in acknowledged if f"story {n}" not in titles}
        assert not missing, f"lost {len(missing)} acknowledged saves"
        # a save that was in flight may have landed unacknowledged: number past it
        numbers = [int(t.split()[1]) for t in titles]
        if numbers:
            next_number = max(next_number, max(numbers) + 1)
    print(f"{KILLS} kills, {len(acknowledged)} acknowledged saves checked")
    assert len(acknowledged) >= KILLS  # the run really saved, many times
