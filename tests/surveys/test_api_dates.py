"""A survey's opening and closing times are refused outside sensible years: the API fuzz set a
year 0309, which the answer then wrote with a pre-1901 local offset (+08:05:43) that is no valid
date-time."""

from tests.helpers import api_client
from tests.permissions.cases.surveys import make_survey


def test_a_survey_time_in_another_century_is_refused(world):
    survey = make_survey(world)
    response = api_client(world.secretary).patch(
        f"/api/v1/surveys/{survey.pk}/", {"opens_at": "0309-09-27T08:00:00Z"}, format="json"
    )
    assert response.status_code == 400
    assert "2000 年至 2100 年" in response.json()["detail"]
    survey.refresh_from_db()
    assert survey.opens_at is None


def test_a_survey_time_this_year_is_kept(world):
    survey = make_survey(world)
    response = api_client(world.secretary).patch(
        f"/api/v1/surveys/{survey.pk}/", {"opens_at": "2026-09-27T08:00:00Z"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["opens_at"].startswith("2026-09-27T16:00:00+08:00")
