"""The guard against members' names going out: the privacy guard (privacy.py) knows phone and ID
numbers; names it cannot recognise without the roll. Before text leaves for an external model,
every 2–4 character stretch of it is looked up, in one query, among the names of the members of
the organisation's subtree. The offline engine sends nothing anywhere and is not checked."""

import re

from partybrand.assistant.errors import ProviderError
from partybrand.orgs.models import Member
from partybrand.orgs.tree import subtree_q

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
MAX_PIECES = 5000


def _pieces(text: str) -> set[str]:
    found: set[str] = set()
    for run in _HAN_RUN.findall(text or ""):
        for size in (2, 3, 4):
            found.update(run[i : i + size] for i in range(len(run) - size + 1))
    return found


def member_names_in(text: str, org) -> list[str]:
    """Names of members of `org`'s subtree that appear in the text."""
    pieces = sorted(_pieces(text))[:MAX_PIECES]
    if not pieces:
        return []
    rows = Member.objects.filter(subtree_q(org.path, "org__path"), name__in=pieces)
    return sorted(set(rows.values_list("name", flat=True)))


def guard_member_names(text: str, *, org, provider) -> None:
    """Refuse (permanently) to send text naming a member of the organisation to an external
    model; the message names no one back, only what to do."""
    if provider.source == "offline":
        return
    if member_names_in(text, org):
        raise ProviderError(
            "发送内容中含有本组织党员的姓名，已拒绝发送给外部模型。"
            "请从候选、企业文化和关键词中删去人名后重试（内置离线助手不受此限）。",
            permanent=True,
        )
