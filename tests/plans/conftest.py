"""Fixtures of the plans tests."""

import datetime

import pytest

from partybrand.core import clock
from tests.plans.helpers import START, template_plan


@pytest.fixture
def plan(world, monkeypatch):
    """支部A's template plan, seen on day 25 (its first task, 问卷调查, ended on day 20: red)."""
    monkeypatch.setattr(clock, "today", lambda: START + datetime.timedelta(days=25))
    return template_plan(world)
