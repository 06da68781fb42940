"""Which provider answers: chosen by the PARTYBRAND_AI_PROVIDER setting."""

from django.conf import settings

from partybrand.assistant.base import Provider
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.openai_provider import OpenAIProvider

PROVIDERS = ("offline", "openai")


def answers_elsewhere() -> bool:
    """Whether the configured provider is a model reached over the network (seconds to minutes
    an answer, so its calls run as background work) rather than the offline engine (at once)."""
    return settings.AI_PROVIDER != "offline"


def get_provider(name: str | None = None, *, retries: int | None = None) -> Provider:
    """The configured provider; `retries` overrides how often a model's client tries again by
    itself (background work passes 0: the jobs' own policy waits and tries again)."""
    name = name or settings.AI_PROVIDER
    if name == "openai":
        return OpenAIProvider.from_settings(retries=retries)
    if name == "offline":
        return OfflineProvider()
    raise ValueError(f"Unknown AI provider {name!r}; expected one of {', '.join(PROVIDERS)}.")
