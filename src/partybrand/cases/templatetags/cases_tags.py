"""Template helpers of 典型案例 for the pages of other apps (the brand page, the showcase):
`{% published_cases brand %}` lists a brand's published cases."""

from django import template

from partybrand.cases.selectors import published_cases as published

register = template.Library()
SHOWN = 10


@register.inclusion_tag("cases/_published.html")
def published_cases(brand, link: bool = True) -> dict:
    return {"cases": list(published(brand)[:SHOWN]), "link": link}
