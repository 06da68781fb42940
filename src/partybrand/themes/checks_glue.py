"""The automatic checks of a candidate, as a JSON snapshot stored on it.

`themes.checks.check_theme` (the similarity index and the rule checks) does the work; this module
only turns its report into the JSON the pages, the API and the demo keep.
"""

from partybrand.themes.checks import check_theme
from partybrand.themes.models import Candidate


def check_texts(
    name: str, slogan: str = "", *, brand=None, meaning: str = "", business: str = ""
) -> dict:
    """`business`: the 主责主业 to judge 融合味 by when there is no brand (the assistant's
    command drafts for an organisation the platform does not hold)."""
    org = brand.org if brand is not None else None
    report = check_theme(
        name, slogan, org=org, brand=brand, meaning=meaning, limit=5, business=business
    )
    return {**report.as_json(), "passed": report.passed}


def snapshot(candidate: Candidate) -> dict:
    brand = candidate.workshop.brand
    return check_texts(candidate.name, candidate.slogan, brand=brand, meaning=candidate.meaning)
