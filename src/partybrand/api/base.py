"""What every API view shares."""

from django.conf import settings
from django.utils import translation


class ChineseMessages:
    """Answer in the site's language whatever the client's Accept-Language: the product is
    Chinese-only, and DRF's own messages ("该字段是必填项。") would otherwise follow the header."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)
