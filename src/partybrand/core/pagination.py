"""Pagination for list pages: a fixed page size, and a bad page number shows the last page."""

from django.core.paginator import Paginator

PAGE_SIZE = 30


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, count: int | None = None):
    """The requested page; `count`, when the page already knows how many rows there are (a
    figure it shows), spares the paginator counting them again."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # the cached property, filled in
    return paginator.get_page(request.GET.get("page"))
