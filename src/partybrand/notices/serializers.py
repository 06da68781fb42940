from rest_framework import serializers

from partybrand.notices.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "is_read"]


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True)
