"""推介管理, part two: typical cases (典型案例) on their way from a branch to the group committee
and upward, the 案例汇编 compiled from published cases, and 新闻稿 written from an activity or an
event. The texts of a case and of a 新闻稿 are kept as documents (documents.Document, versioned by
section); these rows hold what the workflow and the pages need."""

from django.conf import settings
from django.db import models

from partybrand.brands.models import Brand
from partybrand.cases.choices import AdoptionLevel, CaseAction, CaseState
from partybrand.core.models import EvidenceFile
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Member, Organization
from partybrand.promotion.models import Activity

DEFAULT_MAX_CHARS = 3000
CAPTION_MAX = 60


def photo_path(instance, filename: str) -> str:
    return f"cases/{instance.case_id}/{filename}"


class CaseLimit(models.Model):
    """How long a case's body may be in the cases of a committee's subtree (3,000 characters
    unless the committee sets another)."""

    org = models.OneToOneField(
        Organization, verbose_name="党委", on_delete=models.CASCADE, related_name="case_limit"
    )
    max_chars = models.PositiveIntegerField("正文字数上限", default=DEFAULT_MAX_CHARS)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "案例字数上限"

    def __str__(self) -> str:
        return f"{self.org} {self.max_chars}"


class TypicalCase(models.Model):
    """A typical case (典型案例) of an organisation's brand: its title and authors here, its
    摘要, 背景与起因, 做法与经过, 成效及启示 and 附录 in the document "typical-case"; its state
    says where it stands on the way up."""

    org = models.ForeignKey(
        Organization, verbose_name="所属组织", on_delete=models.PROTECT, related_name="cases"
    )
    brand = models.ForeignKey(
        Brand, verbose_name="所属品牌", on_delete=models.CASCADE, related_name="cases"
    )
    title = models.CharField("案例标题", max_length=60)
    authors = models.ManyToManyField(Member, verbose_name="作者", related_name="cases_written")
    state = models.CharField(
        "状态", max_length=20, choices=CaseState.choices, default=CaseState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    published_on = models.DateField("发布日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "典型案例"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["brand", "state"])]

    def __str__(self) -> str:
        return self.title


class CaseStep(models.Model):
    """One step of a case's way (submitted, forwarded, returned with comments, published …):
    the timeline its authors and reviewers read."""

    case = models.ForeignKey(
        TypicalCase, verbose_name="典型案例", on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField("环节", max_length=20, choices=CaseAction.choices)
    from_state = models.CharField("原状态", max_length=20, choices=CaseState.choices)
    to_state = models.CharField("新状态", max_length=20, choices=CaseState.choices)
    comment = models.TextField("意见", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "案例流转记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_action_display()}"


class CaseReport(models.Model):
    """A published case sent upward (to which committee or body, when) and whether it was
    adopted there, at what level."""

    case = models.ForeignKey(
        TypicalCase, verbose_name="典型案例", on_delete=models.CASCADE, related_name="reports"
    )
    reported_to = models.CharField("报送对象", max_length=100)
    reported_on = models.DateField("报送日期")
    adopted = models.BooleanField("是否采用", null=True)
    level = models.CharField("采用层级", max_length=20, choices=AdoptionLevel.choices, blank=True)
    adopted_on = models.DateField("采用日期", null=True, blank=True)
    adopted_note = models.CharField("采用说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "案例报送"
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} → {self.reported_to}"


class CasePhoto(EvidenceFile):
    """A photo of a case, decoded on upload as every image of the platform is. Its caption is
    what the writer says it shows; `title` keeps the uploaded file's name for the audit only."""

    case = models.ForeignKey(
        TypicalCase, verbose_name="典型案例", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField("照片", upload_to=photo_path)
    caption = models.CharField("图片说明", max_length=CAPTION_MAX, blank=True)

    class Meta(EvidenceFile.Meta):
        verbose_name = verbose_name_plural = "案例照片"

    @property
    def shown_caption(self) -> str:
        """The caption written, else the case's title — never the file's name."""
        return self.caption or self.case.title


class Compilation(Versioned):
    """A 案例汇编 of a committee: published cases in the order chosen, rendered as a book."""

    org = models.ForeignKey(
        Organization, verbose_name="编印单位", on_delete=models.PROTECT, related_name="compilations"
    )
    title = models.CharField("汇编名称", max_length=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "案例汇编"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CompilationEntry(models.Model):
    compilation = models.ForeignKey(
        Compilation, on_delete=models.CASCADE, related_name="entries", verbose_name="案例汇编"
    )
    case = models.ForeignKey(
        TypicalCase, on_delete=models.CASCADE, related_name="+", verbose_name="典型案例"
    )
    position = models.PositiveIntegerField("顺序")

    class Meta:
        verbose_name = verbose_name_plural = "汇编收录案例"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["compilation", "case"], name="compilation_case_once")
        ]

    def __str__(self) -> str:
        return f"{self.compilation} {self.position}"


class NewsRelease(models.Model):
    """A 新闻稿 (党建信息) of a brand's activity or event: the headline and the lead's 时间、地点、
    人物、事件、结果 here, the 导语 and 正文 in the document "news-release"; the activity's photos
    go with it."""

    org = models.ForeignKey(
        Organization, verbose_name="所属组织", on_delete=models.PROTECT, related_name="news"
    )
    brand = models.ForeignKey(
        Brand, verbose_name="所属品牌", on_delete=models.CASCADE, related_name="news"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name="来源活动",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    headline = models.CharField("标题", max_length=60)
    happened_on = models.DateField("时间")
    place = models.CharField("地点", max_length=100, blank=True)
    people = models.CharField("人物", max_length=200, blank=True)
    event = models.CharField("事件", max_length=300)
    result = models.CharField("结果", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "新闻稿"
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return self.headline
