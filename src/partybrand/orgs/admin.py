"""System administration of role assignments; changes go through the services (audited)."""

from django.contrib import admin

from partybrand.orgs.models import RoleAssignment
from partybrand.orgs.services import role_assign, role_revoke


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "org", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__display_name", "org__name", "org__code")
    raw_id_fields = ("user", "org")

    def has_change_permission(self, request, obj=None):
        return False  # revoke and assign anew, so every change leaves an audit row

    def save_model(self, request, obj, form, change):
        saved = role_assign(actor=request.user, user=obj.user, org=obj.org, role=obj.role)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        role_revoke(actor=request.user, assignment=obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("user", "org"):
            role_revoke(actor=request.user, assignment=assignment)
