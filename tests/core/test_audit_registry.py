"""Sections of documents named on the audit page: kinds of several apps share the document model
and some section keys, and such a key reads as each kind's heading."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from partybrand.core import audit_registry
from partybrand.core.audit_registry import Key, change_key, register_section_labels


def test_a_section_a_summary_and_a_typical_case_share_reads_as_both_headings():
    headings = change_key("documents.document", "practice").label.split("／")
    assert sorted(headings) == sorted(["主要做法", "做法与经过"])
    assert change_key("documents.document", "background").label == "背景与起因"


def test_registering_the_same_headings_again_changes_nothing():
    register_section_labels("tests.sectioned", {"aims": "目标"})
    register_section_labels("tests.sectioned", {"aims": "目标"})
    register_section_labels("tests.sectioned", {"aims": "工作目标／目标"})
    assert change_key("tests.sectioned", "aims").label == "目标／工作目标"


def test_a_key_read_in_a_way_of_its_own_is_not_renamed_by_a_section():
    audit_registry._keys.setdefault("tests.readings", {})["state"] = Key("状态", pair=True)
    with pytest.raises(ImproperlyConfigured):
        register_section_labels("tests.readings", {"state": "状况"})
