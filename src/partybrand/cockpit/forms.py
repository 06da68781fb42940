"""Parsing the weights form: one whole number 0–100 per part of the index."""

from django import forms

from partybrand.cockpit.choices import Part
from partybrand.core.forms import TextGuardMixin


class WeightsForm(TextGuardMixin, forms.Form):
    note = forms.CharField(label="调整说明", max_length=200, required=False)

    def __init__(self, *args, initial_weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        for part in Part:
            self.fields[part.value] = forms.IntegerField(
                label=part.label,
                min_value=0,
                max_value=100,
                initial=(initial_weights or {}).get(part.value, 0),
            )

    def part_fields(self):
        return [self[p.value] for p in Part]

    def weights(self) -> dict[str, int]:
        return {p.value: self.cleaned_data[p.value] for p in Part}
