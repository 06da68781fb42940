"""The one error a provider raises."""


class ProviderError(Exception):
    """A provider could not answer; `message_zh` is shown to the user as it is.

    `permanent` says whether trying again later can help (a timeout can, a wrong key cannot).
    """

    def __init__(self, message_zh: str, *, permanent: bool) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh
        self.permanent = permanent
