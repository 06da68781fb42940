"""Obtaining an API token, with the same failure throttling as the sign-in page."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from partybrand.core.rest.base import ChineseMessages
from partybrand.core.rest.serializers import ErrorSerializer
from partybrand.core.throttle import refusal_of


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名", max_length=150)
    password = serializers.CharField(
        label="密码", max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(label="令牌", read_only=True)


class TokenView(ChineseMessages, APIView):
    """以用户名和密码换取令牌。"""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="auth_token_create",
        summary="获取令牌",
        description="以用户名和密码换取令牌；之后在请求头中携带 `Authorization: Token <令牌>`。",
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(ErrorSerializer, description="用户名或密码错误"),
            429: OpenApiResponse(ErrorSerializer, description="失败次数过多，暂时锁定"),
        },
        auth=[],
        tags=["认证"],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        password = serializer.validated_data["password"]
        # Attempts are counted by the authentication backend; inactive users fail like a wrong
        # password.
        user = authenticate(request, username=username, password=password)
        if user is None:
            refusal = refusal_of(request)
            if refusal is not None:
                return Response(
                    {"detail": refusal.message},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(refusal.seconds)},
                )
            return Response({"detail": "用户名或密码错误。"}, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
