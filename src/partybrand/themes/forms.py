"""Forms of the theme workshop. Each cleans to the keyword arguments of one service."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from partybrand.assistant.trades import load_trades
from partybrand.core import clock
from partybrand.core.forms import StyledFormMixin, TextGuardMixin, VersionedFormMixin
from partybrand.themes.services.decision import PUBLICITY_DEFAULT, PUBLICITY_MAX, TEXT_MAX
from partybrand.themes.services.workshops import MEANING_MAX, NAME_MAX, SLOGAN_MAX

PHRASES_HELP = "每行一条，词句与释义用冒号分隔，如：“红色：坚持党建引领”。"


def phrases_text(phrases) -> str:
    return "\n".join(f"{p}：{e}" for p, e in phrases or [])


def parse_phrases(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in ("：", ":"):
            if sep in line:
                phrase, explanation = line.split(sep, 1)
                break
        else:
            raise forms.ValidationError(f"“{line[:12]}”缺少冒号：请写成“词句：释义”。")
        rows.append((phrase.strip(), explanation.strip()))
    return rows


class CandidateForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    name = forms.CharField(
        label="品牌名称", max_length=NAME_MAX, help_text="通常 4–8 个字，如“光耀电网”。"
    )
    slogan = forms.CharField(
        label="品牌口号",
        max_length=SLOGAN_MAX,
        required=False,
        help_text="8–16 个字，可写成上下两句，用空格分开。",
    )
    meaning = forms.CharField(
        label="内涵释义",
        max_length=MEANING_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明名称的由来和含义。",
    )
    phrases = forms.CharField(
        label="逐句释义",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PHRASES_HELP,
    )

    def clean_phrases(self):
        return parse_phrases(self.cleaned_data.get("phrases", ""))


class ProposalForm(CandidateForm):
    """What a member fills in on a phone: the name first, the rest optional."""

    phrases = None


class SurveyImportForm(StyledFormMixin, forms.Form):
    survey = forms.ModelChoiceField(label="问卷", queryset=None, empty_label="请选择问卷")

    def __init__(self, *args, surveys=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = surveys


class VotingForm(StyledFormMixin, forms.Form):
    opens_at = forms.DateTimeField(
        label="开始时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label="截止时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    @classmethod
    def with_defaults(cls):
        # in the zone the form reads the fields back in
        now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
        return cls(
            initial={
                "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
                "closes_at": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            }
        )


class ScoreForm(StyledFormMixin, forms.Form):
    CHOICES = [("", "—"), *((i, f"{i} 分") for i in range(5, 0, -1))]
    political = forms.TypedChoiceField(label="政治味", choices=CHOICES, coerce=int)
    cultural = forms.TypedChoiceField(label="文化味", choices=CHOICES, coerce=int)
    integration = forms.TypedChoiceField(label="融合味", choices=CHOICES, coerce=int)
    comment = forms.CharField(
        label="意见", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(StyledFormMixin, forms.Form):
    candidate = forms.ModelChoiceField(label="确定的候选", queryset=None, empty_label="请选择")
    reason = forms.CharField(
        label="决定理由",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写明投票结果、评分和支委会（党员大会）研究意见。",
    )
    publicity_days = forms.IntegerField(
        label="公示天数", min_value=1, max_value=PUBLICITY_MAX, initial=PUBLICITY_DEFAULT
    )
    similar_confirmed = forms.BooleanField(
        label="确认：查重提示高度相似，仍决定采用", required=False
    )
    similar_reason = forms.CharField(
        label="仍予采用的理由（查重提示高度相似时必填）",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates


class ObjectionForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label="异议内容", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionAnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label="答复意见", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolved = forms.BooleanField(label="办结", required=False, initial=True)


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label="撤回理由", max_length=TEXT_MAX, required=False)


class ExpertInviteForm(StyledFormMixin, forms.Form):
    expert = forms.ModelChoiceField(label="评审专家", queryset=None, empty_label="请选择专家")

    def __init__(self, *args, experts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class GenerateForm(StyledFormMixin, forms.Form):
    count = forms.IntegerField(label="数量", min_value=1, max_value=20, initial=6)
    keywords = forms.CharField(
        label="关键词",
        required=False,
        max_length=60,
        help_text="可选，用空格或顿号分隔，如“安全 光明”。",
    )

    def clean_keywords(self):
        text = self.cleaned_data.get("keywords", "")
        for sep in ("、", "，", ","):
            text = text.replace(sep, " ")
        return [w for w in text.split() if w][:6]


class DraftForm(TextGuardMixin, forms.Form):
    """A draft shown on the assistant page, posted back to accept or to explain/critique it."""

    name = forms.CharField(label="品牌名称", max_length=NAME_MAX)
    slogan = forms.CharField(label="品牌口号", max_length=SLOGAN_MAX, required=False)
    meaning = forms.CharField(label="内涵释义", max_length=MEANING_MAX, required=False)
    phrases = forms.CharField(label="逐句释义", required=False)

    def clean_phrases(self):
        return parse_phrases(self.cleaned_data.get("phrases", ""))


def _trade_choices() -> list[tuple[str, str]]:
    return [("", "按主责主业自动判断")] + [(t.code, t.name) for t in load_trades()]


class TradeForm(StyledFormMixin, forms.Form):
    """The organisation's trade as a person corrects it; empty: read it from the 主责主业."""

    trade = forms.ChoiceField(label="所属行业", choices=_trade_choices, required=False)
