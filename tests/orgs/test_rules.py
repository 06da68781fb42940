"""The rules that keep the organisation tree sound: a kind that fits its children and members,
and members only in organisations that may hold them."""

import pytest
from django.core.exceptions import ValidationError


def test_an_organisation_keeps_a_kind_that_fits_its_children_and_members(world):
    from partybrand.orgs.services import member_update, org_update

    with pytest.raises(ValidationError, match="设有党支部"):
        org_update(actor=world.staff, org=world.general_branch, kind="branch")
    with pytest.raises(ValidationError, match="有登记的党员"):
        org_update(actor=world.staff, org=world.branch_a, kind="team")
    with pytest.raises(ValidationError, match="只能转入"):
        member_update(actor=world.staff, member=world.member_a, org=world.committee_a)
