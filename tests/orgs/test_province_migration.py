"""The migration that gives existing organisations a province: the one their region names,
else their parent's, so the cockpit's map places the whole tree the day it is deployed."""

from importlib import import_module

import pytest
from django.apps import apps

from partybrand.orgs.models import Organization

pytestmark = pytest.mark.django_db

fill_provinces = import_module("partybrand.orgs.migrations.0004_org_province").fill_provinces


def test_existing_organisations_take_their_regions_or_their_parents_province(world):
    Organization.objects.filter(pk=world.committee_a.pk).update(region="江苏省南京市")
    Organization.objects.filter(pk=world.branch_b.pk).update(region="浙江杭州", province="")
    fill_provinces(apps, None)
    got = dict(Organization.objects.values_list("name", "province"))
    assert got["甲公司党委"] == got["甲公司机关党总支"] == got["支部A"] == "江苏"
    assert got["支部B"] == "浙江"
    assert got["测试集团党委"] == got["乙公司党委"] == ""  # nothing says where they are
