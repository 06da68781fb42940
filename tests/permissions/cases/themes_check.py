"""Permission cases of the theme check endpoint (POST /api/v1/themes/check).

Checking a text changes nothing, so there is no read-only persona: any signed-in user may
check, here a plain member for their own branch. The optional "org" must be visible: the
outsider (支部B) naming 支部A gets a 404, and anonymous callers 401/403.
"""

from tests.permissions.cases import Case


def check_body(w):
    return {"name": "红心护网", "slogan": "党建引领 电网先锋", "org": w.branch_a.pk}


API_CASES = [
    Case(
        "api:theme-check",
        method="post",
        data=check_body,
        allowed="member",
        readonly=None,
        outsider="outsider",
        outsider_status=(404,),
        api=True,
        content_type="json",
        note="检查支部A的名称",
    ),
]

PAGE_CASES: list[Case] = []

PERMISSION_CASES = PAGE_CASES + API_CASES
