"""Who may open the showcase, and which brands it shows.

Signed-in users always see it. Visitors without an account see it only when
`PARTYBRAND_SHOWCASE_PUBLIC` is true, each network address limited to
`PARTYBRAND_SHOWCASE_VIEWS_PER_MINUTE` pages a clock minute (core/ratelimit.py); otherwise they
are sent to sign in. Only named brands (已命名) are shown; any other brand is a 404, as it would
be for someone who may not see it."""

import math
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render

from partybrand.brands.choices import BrandStatus
from partybrand.brands.models import Brand
from partybrand.core.addresses import client_ip
from partybrand.core.ratelimit import Limit, hit
from partybrand.core.throttle import address_key

TOO_MANY = "访问过于频繁，请 {minutes} 分钟后再试。"


def showcased_brands():
    """The brands the showcase shows: named ones of active organisations."""
    return Brand.objects.filter(status=BrandStatus.NAMED, org__is_active=True)


def showcase_brand(pk) -> Brand:
    return get_object_or_404(showcased_brands().select_related("org"), pk=pk)


def anonymous_wait(request) -> int:
    """Seconds an anonymous visitor's address must wait; 0 when it may see the page."""
    limits = [Limit(settings.SHOWCASE_VIEWS_PER_MINUTE, 60)]
    return hit("showcase", address_key(client_ip(request)), limits)


def showcase_view(view=None, *, counted: bool = True):
    """Signed in: the page. Anonymous: the page when the showcase is public and the address is
    within its limit (429 beyond), else the sign-in page. The logos a page shows are not
    counted (`counted=False`): a gallery of 24 brands would otherwise use up the minute."""
    if view is None:
        return lambda view: showcase_view(view, counted=counted)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if not settings.SHOWCASE_PUBLIC:
                return redirect_to_login(request.get_full_path())
            wait = anonymous_wait(request) if counted else 0
            if wait:
                response = render(
                    request,
                    "showcase/limited.html",
                    {"message": TOO_MANY.format(minutes=math.ceil(wait / 60))},
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapped
