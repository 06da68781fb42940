"""A recognition names the day of its re-check: when it comes, the committee above is told on
its workbench and finds the carrier in the list; a newer judgement takes its place."""

from datetime import timedelta

from django.urls import reverse

from partybrand.core.clock import today
from partybrand.promotion.services import recognition_record
from tests.helpers import client_for
from tests.promotion.helpers import make_activity, make_carrier

DUE = reverse("promotion:carrier_list") + "?recheck=due"


def _granted(world, carrier, *, decided_on, recheck_on):
    return recognition_record(
        actor=world.staff,
        carrier=carrier,
        title="党员示范岗",
        criteria="活动经常、成效可量化。",
        decision="granted",
        decided_on=decided_on,
        recheck_on=recheck_on,
    )


def test_a_recheck_that_has_come_waits_on_the_committees_workbench(world):
    carrier = make_carrier(world)
    make_activity(world, carrier, days_ago=400)
    later = make_carrier(world, name="客户服务小分队")
    make_activity(world, later)
    _granted(world, carrier, decided_on=today() - timedelta(days=380), recheck_on=today())
    _granted(world, later, decided_on=today(), recheck_on=today() + timedelta(days=365))

    home = client_for(world.staff).get(reverse("home")).content.decode()
    assert "到期待复核的活动载体" in home and DUE.replace("&", "&amp;") in home
    listed = client_for(world.staff).get(DUE).content.decode()
    assert "检修一班党员示范岗" in listed and "到期待复核" in listed
    assert "客户服务小分队" not in listed
    # The branch runs the carrier; the re-check is not the secretary's to do.
    assert (
        "到期待复核的活动载体"
        not in client_for(world.secretary).get(reverse("home")).content.decode()
    )

    _granted(world, carrier, decided_on=today(), recheck_on=today() + timedelta(days=365))
    assert (
        "到期待复核的活动载体" not in client_for(world.staff).get(reverse("home")).content.decode()
    )
