"""The API's token authentication: `Authorization: Token <key>` with a key from core/tokens.py
(hashed, expiring, revocable). Sessions of the pages work beside it."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from partybrand.core import tokens

INVALID = "令牌无效、已过期或已撤销，请重新获取。"
KEYWORD = "Token"


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("请求头格式应为 Authorization: Token <令牌>。")
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(INVALID) from None
        token = tokens.find(key)
        if token is None:
            raise AuthenticationFailed(INVALID)
        tokens.mark_used(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names the token (as DRF's own TokenAuthentication did)."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "在请求头中携带 `Authorization: Token <令牌>`；令牌由 "
            "POST /api/v1/auth/token/ 或“API 令牌”页面签发，到期、撤销、修改密码或账户停用后失效。",
        }
