"""The lists cost the same queries with many rows as with a few: cases (page and API), 汇编,
新闻稿, and the brand's published cases shown on other pages."""

from django.template import Context, Template
from django.urls import reverse

from partybrand.cases import services
from partybrand.cases.choices import CaseState
from tests.cases.builders import make_case
from tests.helpers import api_client, assert_queries_flat, client_for, count_queries
from tests.permissions.cases.cases import make_news


def test_case_lists_do_not_grow_with_the_cases(world):
    first = make_case(world, CaseState.PUBLISHED, title="第一个")
    services.compilation_create(
        actor=world.staff, org=world.committee_a, title="第一本", cases=[first]
    )
    make_news(world)
    client = client_for(world.member)
    api = api_client(world.member)

    def more():
        for n in range(4):
            make_case(world, CaseState.PUBLISHED, title=f"案例{n}")
        services.compilation_create(
            actor=world.staff,
            org=world.committee_a,
            title="汇编",
            cases=list(services.TypicalCase.objects.all()),
        )
        make_news(world)

    assert_queries_flat(
        more,
        lambda: client.get(reverse("cases:case_list")),
        lambda: api.get("/api/v1/cases/"),
        lambda: client.get(reverse("cases:compilation_list")),
        lambda: api.get("/api/v1/cases/compilations/"),
        lambda: client.get(reverse("cases:news_list")),
    )


def test_the_published_cases_partial_shows_only_published_ones(world):
    make_case(world, title="草稿案例")
    make_case(world, CaseState.ADOPTED, title="被采用的案例")
    template = Template("{% load cases_tags %}{% published_cases brand %}")
    html = template.render(Context({"brand": world.brand}))
    assert "被采用的案例" in html and "已被采用" in html
    assert "草稿案例" not in html
    queries = count_queries(lambda: template.render(Context({"brand": world.brand})))
    assert queries == 2  # the cases and their photos
