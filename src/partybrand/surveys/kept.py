"""Published surveys this process keeps in memory for anonymous answers, by link token.

A kept survey is only a starting point: on PostgreSQL an answer is written only if the survey's
row still has the kept version (services/anonymous_rows.py), and a survey found changed is
forgotten and read again. Drafts are never kept (their managers preview them as they change)."""

import threading

KEPT = 256
_surveys: dict = {}
_lock = threading.Lock()


def get(token: str):
    return _surveys.get(token)


def keep(survey) -> None:
    with _lock:  # threaded workers: one trims while another adds
        while len(_surveys) >= KEPT:
            del _surveys[next(iter(_surveys))]  # the oldest kept
        _surveys[survey.token] = survey


def forget(token: str) -> None:
    with _lock:
        _surveys.pop(token, None)
