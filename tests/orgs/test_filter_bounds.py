"""Numbers in the organisation and member filters beyond what the database holds are refused
with 400 (a server error on SQLite before: "Python int too large to convert to SQLite INTEGER")."""

import pytest

from tests.helpers import api_client


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/orgs/", "depth=99999999999999999999999"),
        ("/api/v1/orgs/", "parent=99999999999999999999999"),
        ("/api/v1/members/", "org=99999999999999999999999"),
    ],
)
def test_a_number_too_large_for_the_database_is_refused(world, path, query):
    response = api_client(world.staff).get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_filter_within_bounds_still_filters(world):
    response = api_client(world.staff).get(f"/api/v1/orgs/?parent={world.group.pk}")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert "甲公司党委" in names and "支部A" not in names
