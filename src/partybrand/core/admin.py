from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from partybrand.core.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("平台", {"fields": ("display_name",)}))
    list_display = ("username", "display_name", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "display_name")


admin.site.site_header = "党建品牌创建管理平台 · 系统管理"
admin.site.site_title = "系统管理"
