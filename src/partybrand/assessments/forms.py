"""Forms of the assessment pages. Item scores are posted as value_<id>, text_<id>, veto_<id>,
veto_reason_<id> and evidence_<id> fields and read by `item_rows`."""

from django import forms

from partybrand.core.forms import DateInput, StyledFormMixin, VersionedFormMixin


class StartForm(StyledFormMixin, forms.Form):
    org = forms.ModelChoiceField(label="被测评组织", queryset=None)
    system = forms.ModelChoiceField(label="指标体系", queryset=None)
    period = forms.CharField(label="测评周期", max_length=30, initial="2026年度")
    period_start = forms.DateField(label="开始日期", required=False, widget=DateInput())
    period_end = forms.DateField(label="结束日期", required=False, widget=DateInput())

    def __init__(self, *args, orgs=None, systems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["system"].queryset = systems
        self.fields["org"].empty_label = None  # the user's own organisation comes first
        self.fields["system"].empty_label = None


class AssignForm(StyledFormMixin, forms.Form):
    reviewer = forms.ModelChoiceField(label="评审人", queryset=None)
    indicators = forms.ModelMultipleChoiceField(
        label="评审指标（不选为全部）", queryset=None, required=False
    )

    def __init__(self, *args, reviewers=None, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda u: u.display_name or u.username
        self.fields["indicators"].queryset = indicators


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label="退回原因", widget=forms.Textarea(attrs={"rows": 3}))


class FinaliseForm(StyledFormMixin, forms.Form):
    acknowledge_divergence = forms.BooleanField(label="已核实分歧", required=False)


class PolicyForm(VersionedFormMixin, StyledFormMixin, forms.Form):
    system_code = forms.CharField(label="指标体系编码", max_length=50, widget=forms.HiddenInput)
    min_score = forms.DecimalField(label="达标分数线", max_digits=7, decimal_places=2, min_value=0)


def item_rows(post, indicator_ids) -> dict:
    """The posted rows of the given items, for the scoring services."""
    rows = {}
    for pk in indicator_ids:
        key = f"value_{pk}"
        if key not in post:
            continue
        rows[pk] = {
            "value": post.get(key, "").strip(),
            "text": post.get(f"text_{pk}", ""),
            "veto": post.get(f"veto_{pk}") in ("on", "1", "true"),
            "veto_reason": post.get(f"veto_reason_{pk}", ""),
        }
    return rows
