"""What every API answer shares: the documented shape of an error."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(label="说明")


def request_user(serializer):
    """The user of the request a serializer is working for."""
    return serializer.context["request"].user
