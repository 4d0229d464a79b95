"""A small closed-loop load generator: N writer threads, each with its own keep-alive connection and request.

Bounded twice: a total number of requests shared by all writers, and a wall-clock limit. Loopback only.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    """One writer's request, sent again and again: its path, JSON body and headers."""

    path: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True)
class LoadResult:
    label: str
    sent: int
    failed: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def succeeded(self) -> int:
        return self.sent - self.failed

    @property
    def per_second(self) -> float:
        return self.succeeded / self.seconds if self.seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        """Nearest-rank percentile of all latencies (failed requests included: a slow failure is still slow)."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(1, round(fraction * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]


def run_load(label: str, port: int, requests: list[Request], *, total: int, seconds: float,
             expect_status: int = 201) -> LoadResult:
    """Sends `total` requests (or as many as fit in `seconds`) from one thread per entry of `requests`."""
    tickets = iter(range(total))
    ticket_lock = threading.Lock()
    results_lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    sent = failed = 0
    start_line = threading.Barrier(len(requests) + 1)
    deadline = 0.0

    def take_ticket() -> bool:
        with ticket_lock:
            return next(tickets, None) is not None and time.perf_counter() < deadline

    def writer(request: Request) -> None:
        nonlocal sent, failed
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json", **request.headers}
        mine: list[float] = []
        my_errors: Counter[str] = Counter()
        start_line.wait()
        while take_ticket():
            began = time.perf_counter()
            problem = None
            try:
                connection.request("POST", request.path, body=request.body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                if response.status != expect_status:
                    problem = f"HTTP {response.status}: {payload[:160].decode('utf-8', 'replace')}"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{type(error).__name__}: {error}"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - began) * 1000)
            if problem:
                my_errors[problem] += 1
        connection.close()
        with results_lock:
            latencies.extend(mine)
            errors.update(my_errors)
            sent += len(mine)
            failed += sum(my_errors.values())

    threads = [threading.Thread(target=writer, args=(request,), daemon=True) for request in requests]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return LoadResult(label=label, sent=sent, failed=failed, seconds=elapsed, latencies_ms=latencies, errors=errors)
