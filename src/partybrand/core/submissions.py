"""One-time submission tokens: a create that arrives twice (a double click, a form sent again
after a lost answer, an API client retrying) is carried out once, and the second arrival is
answered with what the first one made.

Pages carry a token in a hidden field (`{% submission_token %}`, core/templatetags/submission.py)
that core.forms.form_action honours; the API takes an `Idempotency-Key` header on its creates
(core/rest/base.py). The token's row is inserted first, in the same transaction as what it
creates, and is unique per (user, token): of two racing requests the database lets one through
and holds the other until the first commits or rolls back, so no read-then-write check is
involved. A refused create (a ValidationError, a 4xx answer) rolls its token back with it, so the
corrected form or request may use it again.

A request without a token is carried out as before: pages opened before tokens existed and API
clients that send no key still work, without the protection.
"""

import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partybrand.core.models import SubmissionToken

FIELD = "submission_token"
HEADER = "Idempotency-Key"
REPEATED = "已提交，请勿重复提交。"
MALFORMED = "提交凭据无效（应为 1 至 255 个英文字母、数字或符号），请刷新页面后重新提交。"
TOKEN = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as HTTP headers allow
PATH_MAX = 300  # SubmissionToken.path


def clean_token(raw) -> str:
    """The token as sent, or "" for none; a ValidationError for one no page of ours would send."""
    token = (raw or "").strip()
    if token and not TOKEN.fullmatch(token):
        raise ValidationError(MALFORMED)
    return token


class Repeated(Exception):
    """The token was used before: `record` holds what its first submission answered."""

    def __init__(self, record: SubmissionToken):
        super().__init__(record.token)
        self.record = record

    def same_address(self, path: str) -> bool:
        return self.record.path == path[:PATH_MAX]


class Submission:
    """The token's row while its create runs; `keep` records the answer repeats will get."""

    def __init__(self, record: SubmissionToken | None):
        self.record = record

    def keep(self, *, status: int, location: str = "", body=None) -> None:
        if self.record is None:  # no token: nothing to answer repeats with
            return
        self.record.status, self.record.location, self.record.body = status, location[:500], body
        self.record.save(update_fields=["status", "location", "body"])


@contextmanager
def once(user, token: str, path: str):
    """Run the block in one transaction with the token's row. The same token again (from the
    same user) raises Repeated instead of running the block, once the first has committed."""
    with transaction.atomic():
        record = _claim(user, token, path) if token and user.is_authenticated else None
        yield Submission(record)


def _claim(user, token: str, path: str) -> SubmissionToken:
    try:
        with transaction.atomic():  # a savepoint: the insert fails on the unique constraint
            return SubmissionToken.objects.create(user=user, token=token, path=path[:PATH_MAX])
    except IntegrityError:
        pass
    # The first submission has committed (the insert waited for it): answer with its result.
    raise Repeated(SubmissionToken.objects.get(user=user, token=token))


def forget_before(moment) -> int:
    """Drop the tokens older than `moment` (nobody double-clicks across days); the count."""
    return SubmissionToken.objects.filter(created_at__lt=moment).delete()[0]
