from rest_framework import serializers

from partybrand.core.rest.serializers import ModelSerializer, Serializer
from partybrand.notices.models import Notification


class NotificationSerializer(ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "is_read"]


class ReadAllSerializer(Serializer):
    marked = serializers.IntegerField(read_only=True)
