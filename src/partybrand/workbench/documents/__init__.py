"""Kinds of document whose builders read several apps: registered in workbench's ready()."""

from partybrand.documents.registry import register_kind
from partybrand.workbench.documents.deployment_notice import DEPLOYMENT_NOTICE


def register() -> None:
    register_kind(DEPLOYMENT_NOTICE)
