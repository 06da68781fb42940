"""The project's URLs plus the survey benchmark's baseline: a bare Django JSON POST endpoint."""

import json

from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from partybrand.urls import urlpatterns as project_urlpatterns


@csrf_exempt
@require_POST
def echo(request):
    """Parse the JSON body and answer {"ok": true}: what any JSON POST costs in this stack."""
    try:
        json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest("bad json")
    return JsonResponse({"ok": True})


urlpatterns = [*project_urlpatterns, path("bench/echo/", echo, name="bench-echo")]
