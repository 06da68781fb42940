"""党建AI问答: the documents the 党建工作部 puts in, the passage index every answer is retrieved
from, and every question asked with its answer, kept for review."""

from django.conf import settings
from django.db import models

from partybrand.knowledge.choices import AnswerState, DocumentState, Engine, Rating
from partybrand.orgs.models import Organization


def document_path(instance, filename: str) -> str:
    return f"knowledge/{instance.org_id}/{filename}"


class KnowledgeDocument(models.Model):
    """A policy or learning document (.docx, .pdf, .txt) uploaded by a 党建工作部: read by the
    members of its organisation's whole subtree once its text was parsed."""

    org = models.ForeignKey(
        Organization, verbose_name="发布组织", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("标题", max_length=100)
    file = models.FileField("文件", upload_to=document_path)
    file_name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    state = models.CharField(
        "状态", max_length=10, choices=DocumentState.choices, default=DocumentState.PARSING
    )
    error = models.CharField("解析问题", max_length=300, blank=True)
    text = models.TextField("解析文本", blank=True)
    pages = models.PositiveIntegerField("页数", default=0)
    passage_count = models.PositiveIntegerField("段落数", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "学习资料"
        verbose_name_plural = "学习资料"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Passage(models.Model):
    """A passage of the corpus an answer may quote: a few sentences of a record or document,
    with where it is (位置), the page that shows its source, and the organisation whose subtree
    may read it (`shared_below`: the organisations below read it too, as brand records and
    documents of the organisations above)."""

    source = models.CharField("来源类型", max_length=20)
    record = models.CharField("来源记录", max_length=60, db_index=True)  # "brand:12"
    org_path = models.CharField("组织路径", max_length=255, db_index=True)
    shared_below = models.BooleanField("下级可见", default=False)
    title = models.CharField("标题", max_length=200)
    anchor = models.CharField("位置", max_length=60, blank=True)
    url = models.CharField("来源页面", max_length=200, blank=True)
    text = models.TextField("内容")
    length = models.PositiveIntegerField("词数", default=0)
    # The sentence vector, filled the first time the passage is re-ranked (float32 bytes).
    vector = models.BinaryField(null=True)
    vector_model = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = "知识段落"
        verbose_name_plural = "知识段落"

    def __str__(self) -> str:
        return f"{self.title} · {self.anchor}"


class PassageTerm(models.Model):
    """The inverted index: how often a term occurs in a passage."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["term"], name="knowledge_term_idx")]

    def __str__(self) -> str:
        return self.term


class Question(models.Model):
    """A question asked and the answer given, with the passages cited, kept for the 党建工作部
    to review, rate and correct; a correction answers the same or a near question next time."""

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    org_path = models.CharField("提问人组织", max_length=255, db_index=True, blank=True)
    text = models.CharField("问题", max_length=300)
    terms = models.JSONField("问题词语", default=list)
    answer = models.TextField("回答", blank=True)
    state = models.CharField(
        "状态", max_length=12, choices=AnswerState.choices, default=AnswerState.ANSWERED
    )
    engine = models.CharField("回答方式", max_length=12, choices=Engine.choices)
    cited = models.JSONField("引用", default=list)  # [{n, passage, title, anchor, url, quote}]
    best_score = models.FloatField("最高匹配度", default=0)
    asked_at = models.DateTimeField("提问时间", auto_now_add=True)
    rating = models.CharField("评价", max_length=10, choices=Rating.choices, blank=True)
    correction = models.TextField("校正回答", blank=True)
    correction_path = models.CharField(max_length=255, blank=True)  # whose askers it answers
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("评价时间", null=True, blank=True)
    corrected_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "党建AI问答记录"
        verbose_name_plural = "党建AI问答记录"
        ordering = ["-asked_at", "-id"]

    def __str__(self) -> str:
        return self.text
