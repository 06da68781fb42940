"""What the assistant keeps per organisation: the trade a person chose when the one read from
the 主责主业 was wrong."""

from django.db import models


class OrgTrade(models.Model):
    """The trade of an organisation as a person corrected it (a code of trades/*.json)."""

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, related_name="assistant_trade"
    )
    trade = models.CharField("所属行业", max_length=32)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "所属行业（人工指定）"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.org_id}: {self.trade}"
