"""The survey benchmark's load generator: processes of threads, each thread one client with its
own persistent HTTP connection, posting JSON bodies for a fixed time. Standard library only.

A job runs in its own process (so the clients spread over the CPUs instead of sharing one GIL);
every thread waits for the common start time, posts until the end time, and finishes the request
it has in flight, so the outcome of every request sent is known. Each request carries a unique
client id (`bench-p<process>-c<thread>-n<number>`), put into the body where `__ID__` stands.
"""

from __future__ import annotations

import threading
import time
from http.client import HTTPConnection

ID_MARK = "__ID__"
HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def client_id(process: int, thread: int, number: int) -> str:
    return f"bench-p{process}-c{thread}-n{number}"


def _client(job: dict, thread: int, records: list, samples: dict, opened: list) -> None:
    templates = job["templates"]
    conn = None
    number = 0
    while time.monotonic() < job["start_at"]:
        time.sleep(0.001)
    while time.monotonic() < job["end_at"]:
        cid = client_id(job["process"], thread, number)
        body = templates[number % len(templates)].replace(ID_MARK, cid).encode()
        number += 1
        started = time.monotonic()
        try:
            if conn is None:
                conn = HTTPConnection(job["host"], job["port"], timeout=job["timeout"])
                opened[thread] += 1
            conn.request("POST", job["path"], body=body, headers=HEADERS)
            response = conn.getresponse()
            content = response.read()
            status = response.status
            if response.will_close:  # gunicorn's sync workers close after every answer
                conn.close()
                conn = None
        except Exception as exc:  # noqa: BLE001 - counted: the outcome of this one is unknown
            status, content = 0, type(exc).__name__.encode()
            if conn is not None:
                conn.close()
            conn = None
        finished = time.monotonic()
        records.append((started, finished - started, status, cid))
        if not 200 <= status < 300:
            samples.setdefault(status, content[:300].decode("utf-8", "replace"))
    if conn is not None:
        conn.close()


def run_job(job: dict) -> dict:
    """Run `job["threads"]` clients in this process; returns their records and a sample
    body per failing status.

    Each record is (start, latency, status, client id) with `start` on time.monotonic(), which
    every process of the machine shares; status 0 means no HTTP answer (connection error).
    """
    per_thread: list[list] = [[] for _ in range(job["threads"])]
    samples: dict = {}
    opened = [0] * job["threads"]
    threads = [
        threading.Thread(target=_client, args=(job, t, per_thread[t], samples, opened))
        for t in range(job["threads"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    records = [r for rs in per_thread for r in rs]
    return {"records": records, "samples": samples, "connections": sum(opened)}
