"""Obtaining an API token, with the same failure throttling as the sign-in page."""

from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from partybrand.core.rest.base import ChineseMessages
from partybrand.core.rest.serializers import ErrorSerializer, Serializer
from partybrand.core.throttle import blocked_message, client_ip, locked
from partybrand.sso.second_factor import token_refusal


class TokenRequestSerializer(Serializer):
    username = serializers.CharField(label="用户名", max_length=150)
    password = serializers.CharField(
        label="密码", max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        label="动态口令",
        max_length=6,
        required=False,
        allow_blank=True,
        help_text="启用了动态口令的账号必填：身份验证器应用中当前的 6 位数字。",
    )


class TokenSerializer(Serializer):
    token = serializers.CharField(label="令牌", read_only=True)


class TokenView(ChineseMessages, APIView):
    """以用户名和密码换取令牌。"""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="auth_token_create",
        summary="获取令牌",
        description=(
            "以用户名和密码（启用了动态口令的账号另加 otp）换取令牌；"
            "之后在请求头中携带 `Authorization: Token <令牌>`。"
        ),
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(ErrorSerializer, description="用户名、密码或动态口令错误"),
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
            if locked(username, client_ip(request)):
                return Response(
                    {"detail": blocked_message()},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(settings.LOGIN_FAILURE_WINDOW)},
                )
            return Response({"detail": "用户名或密码错误。"}, status=status.HTTP_400_BAD_REQUEST)
        refusal = token_refusal(user, serializer.validated_data.get("otp", ""))
        if refusal:
            return Response({"detail": refusal}, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
