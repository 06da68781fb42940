"""Obtaining an API token (with the same failure throttling as the sign-in page), and one's own
tokens: listed, revoked one by one or all at once (core/tokens.py)."""

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from partybrand.core import tokens
from partybrand.core.models import ApiToken
from partybrand.core.rest.base import ApiViewSet, ChineseMessages
from partybrand.core.rest.serializers import ErrorSerializer, ModelSerializer, Serializer
from partybrand.core.throttle import refusal_of
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

    name = serializers.CharField(
        label="令牌名称",
        max_length=50,
        required=False,
        allow_blank=True,
        help_text=f"可选，便于在令牌列表中辨认（默认“{tokens.DEFAULT_NAME}”）。",
    )


class TokenSerializer(Serializer):
    token = serializers.CharField(
        label="令牌", read_only=True, help_text="只显示这一次，请妥善保存。"
    )
    expires_at = serializers.DateTimeField(label="到期时间", read_only=True)


class TokenView(ChineseMessages, APIView):
    """以用户名和密码换取令牌。"""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="auth_token_create",
        summary="获取令牌",
        description=(
            "以用户名和密码（启用了动态口令的账号另加 otp）换取一个新令牌；"
            "之后在请求头中携带 `Authorization: Token <令牌>`。"
            "令牌只在此时返回一次，平台只保存其摘要；到期（`expires_at`）、被撤销、"
            "修改密码或账户停用后失效。每次调用都签发新令牌，不用的令牌请撤销。"
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
        data = serializer.validated_data
        # Attempts are counted by the authentication backend; inactive users fail like a wrong
        # password.
        user = authenticate(request, username=data["username"], password=data["password"])
        if user is None:
            refusal = refusal_of(request)
            if refusal is not None:
                return Response(
                    {"detail": refusal.message},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(refusal.seconds)},
                )
            return Response({"detail": "用户名或密码错误。"}, status=status.HTTP_400_BAD_REQUEST)
        refusal = token_refusal(user, data.get("otp", ""))
        if refusal:
            return Response({"detail": refusal}, status=status.HTTP_400_BAD_REQUEST)
        try:
            token, key = tokens.token_issue(
                actor=user, user=user, name=data.get("name", ""), via="接口签发"
            )
        except ValidationError as exc:
            return Response({"detail": "；".join(exc.messages)}, status.HTTP_400_BAD_REQUEST)
        # The key is in this answer only: no cache along the way may keep it.
        return Response(
            TokenSerializer({"token": key, "expires_at": token.expires_at}).data,
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )


class ApiTokenSerializer(ModelSerializer):
    status = serializers.SerializerMethodField(label="状态")
    current = serializers.SerializerMethodField(label="本次请求所用")

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "status",
            "current",
            "created_at",
            "last_used_at",
            "expires_at",
            "revoked_at",
            "revoked_reason",
        ]

    def get_status(self, token) -> str:
        return tokens.status_of(token)

    def get_current(self, token) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, ApiToken) and auth.pk == token.pk


class RevokedSerializer(Serializer):
    revoked = serializers.IntegerField(label="撤销的令牌数")


@extend_schema_view(
    list=extend_schema(
        summary="我的令牌", description="本人签发过的令牌（含已失效的），新的在前。"
    ),
    retrieve=extend_schema(summary="令牌详情"),
)
@extend_schema(tags=["认证"])
class ApiTokenViewSet(ApiViewSet):
    """本人的 API 令牌：列表、撤销一个、全部撤销。只显示前缀，令牌本身不可再取回。"""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()  # for the OpenAPI description; requests use their own

    def get_queryset(self):
        return tokens.tokens_of(self.request.user)

    @extend_schema(
        summary="撤销令牌",
        request=None,
        responses={200: ApiTokenSerializer},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        token = tokens.token_revoke(actor=request.user, token=self.get_object())
        return self.respond(token)

    @extend_schema(
        summary="全部撤销",
        description="撤销本人所有仍有效的令牌（包括本次请求所用的令牌）。",
        request=None,
        responses={200: RevokedSerializer},
    )
    @action(detail=False, methods=["post"], url_path="revoke-all")
    def revoke_all(self, request):
        count = tokens.tokens_revoke_all(actor=request.user, user=request.user)
        return Response({"revoked": count})
