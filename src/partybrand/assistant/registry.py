"""Which provider answers: chosen by the PARTYBRAND_AI_PROVIDER setting."""

from django.conf import settings

from partybrand.assistant.base import Provider
from partybrand.assistant.offline.provider import OfflineProvider
from partybrand.assistant.openai_provider import OpenAIProvider

PROVIDERS = ("offline", "openai")


def get_provider(name: str | None = None) -> Provider:
    name = name or settings.AI_PROVIDER
    if name == "openai":
        # Imported here: the openai client is only loaded where it is used.

        return OpenAIProvider.from_settings()
    if name == "offline":
        return OfflineProvider()
    raise ValueError(f"Unknown AI provider {name!r}; expected one of {', '.join(PROVIDERS)}.")
