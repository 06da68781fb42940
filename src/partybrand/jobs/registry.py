"""What each kind of background work does, registered by the app that owns the work.

Jobs import none of the apps whose work they run: an app registers, in its AppConfig.ready(), a
runner per kind, `run(job, progress) -> Outcome`, which raises `JobRefused` when the user's own
data is at fault (an import with wrong rows), `JobUnavailable` when a service outside the platform
failed in a way that may pass (an AI model timing out), and lets any other exception through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from partybrand.jobs.models import Job
    from partybrand.jobs.progress import Progress


@dataclass
class Outcome:
    message: str  # one sentence for the page and the notification
    summary: dict = field(default_factory=dict)
    file_name: str = ""
    file_bytes: bytes = b""


class JobRefused(Exception):
    """The work could not be done because of the user's data; `rows` names every fault."""

    def __init__(
        self, message: str, rows: list[dict] | None = None, outcome: Outcome | None = None
    ):
        super().__init__(message)
        self.message = message
        self.rows = rows or []
        self.outcome = outcome


class JobUnavailable(JobRefused):
    """A service the work depends on failed for now: the job is tried again with the jobs'
    policy (growing waits, at most settings.JOBS_MAX_ATTEMPTS attempts) and, when no attempt is
    left, ends with `message`, which tells the user what happened in words they understand."""


@dataclass(frozen=True)
class Runner:
    run: Callable[[Job, Progress], Outcome]
    steps: tuple[str, ...] = ("处理",)


_runners: dict[str, Runner] = {}


def register_runner(kind: str, run, *, steps: tuple[str, ...] = ("处理",)) -> None:
    if kind in _runners and _runners[kind].run is not run:
        raise ImproperlyConfigured(f"后台任务类型 {kind} 已登记")
    _runners[kind] = Runner(run, steps)


def runner_for(kind: str) -> Runner:
    try:
        return _runners[kind]
    except KeyError as exc:
        raise ImproperlyConfigured(f"后台任务类型 {kind} 没有登记执行函数") from exc
