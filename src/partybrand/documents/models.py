"""Documents as users keep them: the texts they wrote over what the platform builds, in versions,
and the per-organisation sequence of 发文字号."""

from django.conf import settings
from django.db import models

from partybrand.core.versioning import Versioned


class Document(Versioned):
    """One kind of document about one organisation or brand (the committee's 部署通知, a brand's
    实施方案): what users wrote into it is kept in its versions. Its `version` (the row's, see
    core/versioning.py) rises with each new DocumentVersion and with its 发文字号, so texts
    saved from a page opened before are refused instead of replacing someone else's."""

    kind = models.CharField("文书类型", max_length=40)
    subject = models.CharField("对象类型", max_length=20)
    subject_pk = models.PositiveIntegerField("对象编号")
    subject_name = models.CharField("对象名称", max_length=200)
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="documents", verbose_name="组织"
    )
    title = models.CharField("标题", max_length=200)
    doc_number = models.CharField("发文字号", max_length=60, blank=True)
    created_at = models.DateTimeField("建立时间")

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "subject_pk"], name="document_one_per_subject"
            )
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """What users wrote into a document's editable sections at one save (1, 2, … n)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    sections = models.JSONField("各部分文字", default=dict)  # section key → text
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="修改人"
    )
    created_at = models.DateTimeField("保存时间")
    comment = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} 第{self.number}版"


class DocumentIssuer(models.Model):
    """How an organisation's 发文字号 begin (机关代字, e.g. “甲公司党委”), set by its staff."""

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, related_name="document_issuer"
    )
    code = models.CharField("机关代字", max_length=20)

    class Meta:
        verbose_name = verbose_name_plural = "发文机关代字"

    def __str__(self) -> str:
        return self.code


class DocumentNumberSequence(models.Model):
    """The last 发文字号 an organisation gave in a year: the next is one more, without gaps."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "发文字号序列"
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="document_number_per_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year}: {self.last}"
