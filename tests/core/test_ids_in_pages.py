"""An id typed into a page's address is read only when it is one: ASCII digits that fit a
64-bit column. "²".isdigit() is True in Python, and int("²") or a lookup with it was a server
error; so was an id beyond 64 bits in a filter on SQLite."""

import pytest

from tests.helpers import client_for

ODD_IDS = ["%C2%B2", "99999999999999999999999"]
PAGES = [
    "/brands/?org={}",
    "/brands/new/?org={}",
    "/surveys/new/?org={}",
    "/surveys/new/?brand={}",
    "/plans/new/?org={}&brand={}",
    "/supervision/reviews/new/?plan={}",
]


@pytest.mark.parametrize("raw", ODD_IDS)
@pytest.mark.parametrize("address", PAGES)
def test_an_odd_id_in_a_page_address_is_no_server_error(world, address, raw):
    client = client_for(world.staff)
    client.raise_request_exception = False
    answer = client.get(address.format(raw, raw))
    assert answer.status_code < 500
