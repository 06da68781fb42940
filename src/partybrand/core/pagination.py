"""Pagination for list pages: a fixed page size, and a bad page number shows the last page."""

from django.core.paginator import Paginator

PAGE_SIZE = 30


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
