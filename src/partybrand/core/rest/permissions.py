"""Permissions every API view applies besides being signed in (settings.REST_FRAMEWORK)."""

from rest_framework.permissions import BasePermission

MUST_CHOOSE_OWN = "您正在使用临时密码，请先登录平台修改密码后再使用接口。"


class PasswordChosen(BasePermission):
    """An account holding a temporary password may do nothing until it has chosen its own
    (pages lead it to the change-password page; the API refuses with this message)."""

    message = MUST_CHOOSE_OWN

    def has_permission(self, request, view) -> bool:
        return not getattr(request.user, "must_change_password", False)
