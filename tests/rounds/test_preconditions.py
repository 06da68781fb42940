"""Every lifecycle move outside rounds has its preconditions, with a message naming what is
missing; and it waits in the next person's 我的待办, with a notice to them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.brands.transitions import brand_transition
from partybrand.notices.models import Notification
from tests.helpers import client_for, complete_meaning, ready_brand

pytestmark = pytest.mark.django_db


def test_the_first_review_refuses_an_application_without_its_meaning_and_says_so(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    with pytest.raises(ValidationError) as refused:
        brand_transition(actor=world.mid_admin, brand=world.brand, action="start_review")
    assert "“初审通过”尚缺1项条件" in str(refused.value)
    assert "内涵释义（总述）未填写" in str(refused.value)
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.SUBMITTED


def test_the_brand_page_shows_what_is_missing_and_moves_nothing(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    url = reverse("brands:brand_transition", args=[world.brand.pk])
    answer = client_for(world.mid_admin).post(url, {"action": "start_review"}, follow=True)
    assert "尚缺1项条件" in answer.content.decode()
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.SUBMITTED


def test_applying_for_acceptance_needs_the_logo_kpis_and_a_running_plan(world):
    complete_meaning(world.brand, world.secretary)
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.CULTIVATING)
    with pytest.raises(ValidationError) as refused:
        brand_transition(actor=world.secretary, brand=world.brand, action="apply_acceptance")
    message = str(refused.value)
    assert "“申请验收”尚缺3项条件" in message
    assert "尚未上传标识" in message and "KPI" in message and "没有执行中的创建计划" in message
    assert Brand.objects.get(pk=world.brand.pk).status == BrandStatus.CULTIVATING


def test_a_midterm_check_needs_a_plan_being_carried_out(world):
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.CULTIVATING)
    with pytest.raises(ValidationError, match="没有执行中的创建计划"):
        brand_transition(actor=world.staff, brand=world.brand, action="start_midterm")


def test_with_its_materials_the_brand_moves_and_the_next_person_hears_of_it(world):
    ready_brand(world)
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.CULTIVATING)
    brand = brand_transition(actor=world.staff, brand=world.brand, action="start_midterm")
    assert brand.status == BrandStatus.MIDTERM
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.CULTIVATING)
    brand = brand_transition(actor=world.secretary, brand=world.brand, action="apply_acceptance")
    assert brand.status == BrandStatus.ACCEPTING


def test_an_approved_brand_waits_in_its_secretarys_to_do_list(world):
    Brand.objects.filter(pk=world.brand.pk).update(status=BrandStatus.APPROVED)
    page = client_for(world.secretary).get(reverse("home")).content.decode()
    assert "待我启动培育的品牌" in page
    assert (
        "待我启动培育的品牌" not in client_for(world.member).get(reverse("home")).content.decode()
    )


def test_a_returned_application_waits_in_its_secretarys_to_do_list_and_they_hear_why(world):
    brand_transition(actor=world.secretary, brand=world.brand, action="submit")
    brand_transition(actor=world.mid_admin, brand=world.brand, action="return", comment="补释义")
    page = client_for(world.secretary).get(reverse("home")).content.decode()
    assert "退回待修改的品牌" in page
    assert Notification.objects.filter(user=world.secretary, kind="brand_returned").exists()
