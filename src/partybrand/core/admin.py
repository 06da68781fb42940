from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from partybrand.core.audit import audit_record
from partybrand.core.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("平台", {"fields": ("display_name", "must_change_password")}),
    )
    list_display = ("username", "display_name", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "display_name")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Passwords never enter the audit trail, only the fact that one was set.
        changed = {
            name: "(已修改)" if name == "password" else form.cleaned_data.get(name)
            for name in form.changed_data
        }
        audit_record(
            actor=request.user,
            action="user_update" if change else "user_create",
            obj=obj,
            changes=changed,
        )

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="user_delete", obj=obj)
        super().delete_model(request, obj)


admin.site.site_header = "党建品牌创建管理平台 · 系统管理"
admin.site.site_title = "系统管理"
