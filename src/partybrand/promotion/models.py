"""推介管理: the activity carriers through which members show the brand at work (党员责任区,
示范岗, 突击队, 服务队, 攻关项目), what they do and the committee's recognition; the brand
launch (品牌发布会) planned and recorded; the publicity ledger (推介台账)."""

from django.conf import settings
from django.db import models

from partybrand.brands.models import Brand
from partybrand.core.models import EvidenceFile
from partybrand.core.versioning import Versioned
from partybrand.orgs.models import Member, Organization
from partybrand.promotion.choices import (
    Adoption,
    CarrierKind,
    CarrierState,
    LaunchState,
    PublicityChannel,
    PublicityDirection,
    PublicityLevel,
    RecognitionDecision,
)


def photo_path(instance, filename: str) -> str:
    return f"promotion/{instance.activity.carrier_id}/{filename}"


def launch_photo_path(instance, filename: str) -> str:
    return f"promotion/launch/{instance.launch_id}/{filename}"


def proof_path(instance, filename: str) -> str:
    return f"promotion/publicity/{instance.brand_id}/{filename}"


class Carrier(Versioned):
    """An activity carrier (载体) of an organisation's brand: a post, an area, a team or a
    project led by a member, with its members, its commitment and its period. Versioned: a
    change made from an old version is refused (core/versioning.py)."""

    org = models.ForeignKey(
        Organization, verbose_name="所属组织", on_delete=models.PROTECT, related_name="carriers"
    )
    brand = models.ForeignKey(
        Brand, verbose_name="所属品牌", on_delete=models.CASCADE, related_name="carriers"
    )
    kind = models.CharField("载体类型", max_length=20, choices=CarrierKind.choices)
    name = models.CharField("载体名称", max_length=60)
    leader = models.ForeignKey(
        Member,
        verbose_name="负责人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carriers_led",
    )
    members = models.ManyToManyField(
        Member, verbose_name="成员", blank=True, related_name="carriers"
    )
    area = models.CharField("责任区域或岗位", max_length=100, blank=True)
    commitment = models.TextField("承诺内容", blank=True)
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("截止日期", null=True, blank=True)
    display = models.JSONField("亮牌方式", default=list, blank=True)  # BrandDisplay values
    state = models.CharField(
        "状态", max_length=20, choices=CarrierState.choices, default=CarrierState.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "活动载体"
        verbose_name_plural = "活动载体"
        ordering = ["org__path", "kind", "id"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """One thing a carrier did: when and where, who took part, what was done and what came of
    it in numbers (`results`: a few {"label", "number", "unit"} rows)."""

    carrier = models.ForeignKey(
        Carrier, verbose_name="活动载体", on_delete=models.CASCADE, related_name="activities"
    )
    held_on = models.DateField("活动日期")
    place = models.CharField("活动地点", max_length=100, blank=True)
    participants = models.ManyToManyField(
        Member, verbose_name="参加人员", blank=True, related_name="carrier_activities"
    )
    content = models.TextField("活动内容")
    results = models.JSONField("活动成效", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "载体活动"
        verbose_name_plural = "载体活动"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.carrier} {self.held_on:%Y-%m-%d}"


class ActivityPhoto(EvidenceFile):
    """A photo of an activity, decoded on upload as every image of the platform is."""

    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField("照片", upload_to=photo_path)

    class Meta(EvidenceFile.Meta):
        verbose_name = "活动照片"
        verbose_name_plural = "活动照片"


class Recognition(models.Model):
    """The committee's judgement of a carrier (评定示范岗, 优秀突击队 …), made from what the
    carrier did: the title, the criteria, the decision, the plaque and the next re-check."""

    carrier = models.ForeignKey(
        Carrier, verbose_name="活动载体", on_delete=models.CASCADE, related_name="recognitions"
    )
    title = models.CharField("认定称号", max_length=40)
    criteria = models.TextField("评定标准")
    decision = models.CharField("评定结论", max_length=20, choices=RecognitionDecision.choices)
    comment = models.TextField("评定意见", blank=True)
    decided_on = models.DateField("评定日期")
    plaque_on = models.DateField("授牌日期", null=True, blank=True)
    recheck_on = models.DateField("下次复核日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "载体评定"
        verbose_name_plural = "载体评定"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.carrier} {self.title}"


class Launch(Versioned):
    """A brand launch (品牌发布会): the plan (date, venue, agenda, participants from the roll and
    guests, the 主持词 and 讲话稿 drafts, the venue checklist, the publicity plan), then what
    happened (attendance, summary, photos; media reports are publicity entries of the launch).
    `agenda` holds {"time", "item", "speaker"} rows, `checklist` {"item", "done"} rows."""

    brand = models.ForeignKey(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="launches"
    )
    org = models.ForeignKey(
        Organization, verbose_name="主办组织", on_delete=models.PROTECT, related_name="launches"
    )
    title = models.CharField("发布会名称", max_length=60)
    held_on = models.DateField("举行日期")
    start_time = models.TimeField("开始时间", null=True, blank=True)
    venue = models.CharField("会场", max_length=100)
    agenda = models.JSONField("议程", default=list, blank=True)
    participants = models.ManyToManyField(
        Member, verbose_name="参会党员", blank=True, related_name="launches"
    )
    guests = models.TextField("特邀嘉宾", blank=True)  # one per line: 单位、职务
    host_script = models.TextField("主持词", blank=True)
    speech = models.TextField("讲话稿", blank=True)
    checklist = models.JSONField("会场清单", default=list, blank=True)
    publicity_plan = models.TextField("宣传方案", blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=LaunchState.choices, default=LaunchState.PLANNED
    )
    attendance = models.PositiveIntegerField("实到人数", null=True, blank=True)
    summary = models.TextField("会议纪要", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "品牌发布会"
        verbose_name_plural = "品牌发布会"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class LaunchPhoto(EvidenceFile):
    """A photo of a launch as held, decoded on upload as every image of the platform is."""

    launch = models.ForeignKey(
        Launch, verbose_name="发布会", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField("照片", upload_to=launch_photo_path)

    class Meta(EvidenceFile.Meta):
        verbose_name = "发布会照片"
        verbose_name_plural = "发布会照片"


class PublicityEntry(models.Model):
    """One line of the publicity ledger (推介台账): where the brand was made known (inside,
    upward, outward), through which channel, when, at what level, with a link or a proof
    (a screenshot or a PDF) and its reach where known. An item reported upward names the
    committee it went to; that committee records whether it was adopted and at what level."""

    brand = models.ForeignKey(
        Brand, verbose_name="品牌", on_delete=models.CASCADE, related_name="publicity"
    )
    org = models.ForeignKey(
        Organization, verbose_name="所属组织", on_delete=models.PROTECT, related_name="publicity"
    )
    launch = models.ForeignKey(
        Launch,
        verbose_name="发布会",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    direction = models.CharField("方向", max_length=20, choices=PublicityDirection.choices)
    channel = models.CharField("渠道", max_length=20, choices=PublicityChannel.choices)
    outlet = models.CharField("媒体或刊物名称", max_length=100, blank=True)
    published_on = models.DateField("日期")
    title = models.CharField("标题", max_length=100)
    url = models.URLField("链接", blank=True, max_length=500)
    level = models.CharField("层级", max_length=20, choices=PublicityLevel.choices)
    reach = models.PositiveIntegerField("阅读或覆盖人次", null=True, blank=True)
    proof = models.FileField("佐证", upload_to=proof_path, blank=True)
    proof_content_type = models.CharField(max_length=100, blank=True)
    proof_size = models.PositiveIntegerField(default=0)
    reported_to = models.ForeignKey(
        Organization,
        verbose_name="报送至",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publicity_received",
    )
    adoption = models.CharField(
        "采用情况", max_length=20, choices=Adoption.choices, blank=True, default=""
    )
    adopted_level = models.CharField(
        "采用层级", max_length=20, choices=PublicityLevel.choices, blank=True
    )
    adopted_on = models.DateField("采用日期", null=True, blank=True)
    adoption_note = models.CharField("采用说明", max_length=200, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "推介台账"
        verbose_name_plural = "推介台账"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["brand", "published_on"])]

    def __str__(self) -> str:
        return self.title
