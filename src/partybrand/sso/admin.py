from django.contrib import admin

from partybrand.sso.models import ExternalIdentity


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Who signs in through the directory or the provider. Deleting a row keeps the account but
    no longer counts it as a directory account (the directory then refuses the person unless
    PARTYBRAND_SSO_ADOPT_LOCAL_ACCOUNTS is on)."""

    list_display = ("subject", "provider", "user", "created_at", "last_sign_in")
    list_filter = ("provider",)
    search_fields = ("subject", "user__username", "user__display_name")
    readonly_fields = ("provider", "subject", "user", "created_at", "last_sign_in")
