"""Every edit form carries the version its page was opened at, and a form posted after someone
else saved the row is refused: nothing saved, what was typed kept, the other change shown.

Each form is tried with the permission case that knows how to post it successfully
(tests/permissions/cases/), as that case's allowed persona."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import get_resolver, reverse

from partybrand.assessments.models import Assessment, StandardisationPolicy
from partybrand.assessments.services.finalise import policy_set
from partybrand.benchmarks.models import Benchmark, Comparison
from partybrand.brands.models import Brand
from partybrand.cases.kinds import CASE_KIND
from partybrand.cases.models import Compilation, TypicalCase
from partybrand.core.models import User
from partybrand.core.versioning import version_of
from partybrand.documents.models import Document
from partybrand.documents.registry import kind_for
from partybrand.documents.services import document_ensure, document_for
from partybrand.indicators.models import Indicator, IndicatorSystem
from partybrand.orgs.models import Member, Organization
from partybrand.plans.models import Phase, Plan, Task
from partybrand.positioning.models import PositioningNote, Practice, SwotItem
from partybrand.positioning.services import conclusion_save
from partybrand.promotion.models import Carrier, Launch
from partybrand.rounds.models import Entry, Round
from partybrand.supervision.models import ReviewMeeting, Ticket
from partybrand.surveys.models import Question, Survey
from partybrand.themes.models import Candidate
from tests.forms_html import form_fields
from tests.helpers import login
from tests.permissions.cases.assessments import small_system
from tests.permissions.test_every_url import CASES, database_rows


def _same_page(w, url_name, kwargs, row):
    return reverse(url_name, kwargs=kwargs)


def _page(name, key="pk"):
    return lambda w, url_name, kwargs, row: reverse(name, args=[getattr(row, key)])


@dataclass
class EditForm:
    url_name: str
    model: Any
    row: Any = None  # (kwargs) -> the row; default the model's row at kwargs["pk"]
    shown_on: Any = _same_page  # (world, url name, kwargs, row) -> the page drawing the form
    prefix: Any = None  # (row) -> the form's prefix

    def get_row(self, kwargs):
        if self.row is not None:
            return self.row(kwargs)
        return self.model._base_manager.get(pk=kwargs["pk"])

    def version_key(self, row) -> str:
        return f"{self.prefix(row)}-version" if self.prefix else "version"


def _conclusion(kwargs):
    brand = Brand.objects.get(pk=kwargs["pk"])
    if not PositioningNote.objects.filter(brand=brand).exists():  # someone wrote one before
        conclusion_save(actor=None, brand=brand, conclusion="先写下的结论", version=0)
    return PositioningNote.objects.get(brand=brand)


def _policy(kwargs):
    org = Organization.objects.get(pk=kwargs["pk"])
    small_system("t-std")
    if not StandardisationPolicy.objects.filter(org=org, system_code="t-std").exists():
        admin = User.objects.get(username="committeeadmin")  # the persona the case posts as
        policy_set(actor=admin, org=org, system_code="t-std", min_score=60, version=0)
    return StandardisationPolicy.objects.get(org=org, system_code="t-std")


def _document(kwargs):
    """The document the page edits (made when first opened for export or edit)."""
    model = {"org": Organization, "cockpit": Organization, "brand": Brand}[kwargs["subject"]]
    obj = model.objects.get(pk=kwargs["pk"])
    return document_ensure(actor=None, kind=kind_for(kwargs["kind"]), subject_obj=obj)


def _document_page(w, url_name, kwargs, row):
    return reverse("documents:document_detail", kwargs=kwargs)


def _case_document(kwargs):
    """A case's texts are its document's: the edit page carries the document's version."""
    return document_for(CASE_KIND, TypicalCase.objects.get(pk=kwargs["pk"]))


def _case_page(w, url_name, kwargs, row):
    return reverse("cases:case_edit", kwargs=kwargs)


def _results(w, url_name, kwargs, row):
    return reverse("assessments:committee_results", args=[row.org_id]) + "?system=t-std"


EDIT_FORMS = [
    EditForm("brands:brand_edit", Brand),
    EditForm("orgs:org_edit", Organization),
    EditForm("orgs:member_edit", Member),
    EditForm("benchmarks:benchmark_edit", Benchmark),
    EditForm("benchmarks:comparison_edit", Comparison),
    EditForm("positioning:practice_edit", Practice),
    EditForm("positioning:swot_edit", SwotItem),
    EditForm(
        "positioning:conclusion_save",
        PositioningNote,
        _conclusion,
        _page("positioning:summary", "brand_id"),
    ),
    EditForm("surveys:survey_edit", Survey),
    EditForm(
        "surveys:question_edit", Question, lambda kw: Question.objects.get(pk=kw["question_pk"])
    ),
    EditForm("themes:candidate_edit", Candidate),
    EditForm("indicators:system_edit", IndicatorSystem),
    EditForm("indicators:indicator_edit", Indicator),
    EditForm("assessments:self_save", Assessment, shown_on=_page("assessments:detail")),
    EditForm("assessments:policy_save", StandardisationPolicy, _policy, _results),
    EditForm("plans:plan_edit", Plan, shown_on=_page("plans:plan_detail")),
    EditForm(
        "plans:phase_edit",
        Phase,
        shown_on=_page("plans:plan_detail", "plan_id"),
        prefix=lambda row: f"phase{row.pk}",
    ),
    EditForm("plans:task_edit", Task),
    EditForm(
        "supervision:meeting_edit", ReviewMeeting, shown_on=_page("supervision:meeting_detail")
    ),
    EditForm("supervision:ticket_assign", Ticket, shown_on=_page("supervision:ticket_detail")),
    EditForm("promotion:carrier_edit", Carrier),
    EditForm("promotion:launch_edit", Launch),
    EditForm("documents:document_edit", Document, _document, _document_page),
    EditForm("cases:case_edit", Document, _case_document, _case_page),
    EditForm("cases:compilation_edit", Compilation),
    EditForm("rounds:round_edit", Round),
    EditForm("rounds:entry_edit", Entry, shown_on=_page("rounds:entry_detail")),
]


def _post_case(url_name):
    return next(c for c in CASES if c.url_name == url_name and c.method == "post")


def test_every_edit_page_is_tried_here():
    names = {form.url_name for form in EDIT_FORMS}
    edit_pages = {
        f"{namespace}:{name}"
        for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items()
        for name in resolver.reverse_dict
        if isinstance(name, str) and name.endswith("_edit")
    }
    assert edit_pages and not edit_pages - names, sorted(edit_pages - names)


@pytest.mark.parametrize("form", EDIT_FORMS, ids=lambda f: f.url_name)
def test_the_form_carries_the_version_it_was_opened_at(world, form):
    case = _post_case(form.url_name)
    kwargs = case.kwargs(world)
    row = form.get_row(kwargs)
    page = login(world, case.allowed).get(form.shown_on(world, form.url_name, kwargs, row))
    assert page.status_code == 200
    action = reverse(form.url_name, kwargs=kwargs)
    fields = form_fields(page.content.decode(), action=action)
    assert fields[form.version_key(row)] == str(version_of(row))


@pytest.mark.parametrize("form", EDIT_FORMS, ids=lambda f: f.url_name)
def test_a_form_posted_after_someone_else_saved_is_refused_and_nothing_is_saved(world, form):
    case = _post_case(form.url_name)
    client = login(world, case.allowed)
    kwargs = case.kwargs(world)
    row = form.get_row(kwargs)
    opened_at = version_of(row)
    row.save()  # someone else saves while the form is open
    posted = {**case.data(world), form.version_key(row): str(opened_at)}
    url = reverse(form.url_name, kwargs=kwargs)

    before = database_rows()
    refused = client.post(url, posted)

    assert refused.status_code == 409, refused.content[:500]
    page = refused.content.decode()
    assert "这条记录在您打开后已被他人修改" in page
    assert 'data-testid="conflict"' in page
    assert database_rows() == before, "a refused form changed rows"
    if case.effect:
        assert not case.effect(world)
    # The form comes back at the version it has now: saved again, it goes through.
    kept = {**posted, form.version_key(row): str(opened_at + 1)}
    assert form_fields(page, action=url)[form.version_key(row)] == str(opened_at + 1)
    done = client.post(url, kept)
    assert done.status_code in case.allowed_status, done.content[:500]
    if case.effect:
        assert case.effect(world)
