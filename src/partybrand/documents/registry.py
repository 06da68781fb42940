"""The kinds of document, and the things a document can be about, registered by the apps that
hold their data.

`documents` sits under brands and the method's apps, so it imports none of them: each registers in
its AppConfig.ready() the subjects it owns (`register_subject("brand", …)` in brands) and the kinds
it builds (`register_kind(DocumentKind(...))`). Builders that read several apps live in the top
layer (workbench) and register there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from partybrand.documents.spec import DocumentSpec, Layout


@dataclass(frozen=True)
class Subject:
    """What documents can be about: "org" (an organisation) or "brand"."""

    name: str
    label: str  # 组织 / 品牌
    # load(user, pk, for_edit) → the object, through the owning app's access helper (404 outside
    # the user's reach, 403 visible but not allowed)
    load: Callable[[Any, int, bool], Any]
    org_of: Callable[[Any], Any]  # the organisation that owns the subject's documents
    title_of: Callable[[Any], str]  # how the subject is named on pages


@dataclass(frozen=True)
class BuildContext:
    actor: Any  # who asked for the document
    today: date  # core.clock.today(): Beijing time


@dataclass(frozen=True)
class DocumentKind:
    code: str  # "brand-plan", used in URLs and by `partybrand document`
    title: str  # 品牌创建实施方案
    subject: str  # a registered Subject's name
    layout: Layout
    build: Callable[[Any, BuildContext], DocumentSpec]
    description: str = ""  # one line for the documents page and `--list`
    # facts(subject, context) → {section key: [plain sentences of the platform's facts]}, no
    # personal data: what drafting help (offline or through the configured model) writes from
    facts: Callable[[Any, BuildContext], dict[str, list[str]]] | None = None


_subjects: dict[str, Subject] = {}
_kinds: dict[str, DocumentKind] = {}
# Readers of one kind beyond those who see its subject: kind code → [reader(user, pk) → the
# subject, or None]. rounds lets an expert read the 申报书 of an entry given to them to score.
_readers: dict[str, list[Callable[[Any, int], Any]]] = {}


def register_subject(subject: Subject) -> None:
    if subject.name in _subjects and _subjects[subject.name] != subject:
        raise ImproperlyConfigured(f"文书对象 {subject.name} 已登记")
    _subjects[subject.name] = subject


def register_kind(kind: DocumentKind) -> None:
    if kind.code in _kinds and _kinds[kind.code] != kind:
        raise ImproperlyConfigured(f"文书类型 {kind.code} 已登记")
    _kinds[kind.code] = kind


def subject_for(name: str) -> Subject:
    try:
        return _subjects[name]
    except KeyError as exc:
        raise ImproperlyConfigured(f"文书对象 {name} 没有登记") from exc


def kind_for(code: str) -> DocumentKind:
    try:
        return _kinds[code]
    except KeyError as exc:
        raise ImproperlyConfigured(f"文书类型 {code} 没有登记") from exc


def register_reader(code: str, reader: Callable[[Any, int], Any]) -> None:
    """`reader(user, pk)` → the subject when the user may read documents of kind `code` about it
    though it lies outside their reach (never to edit), else None."""
    readers = _readers.setdefault(code, [])
    if reader not in readers:
        readers.append(reader)


def load_to_read(kind: DocumentKind, user, pk: int):
    """The subject of a document of `kind` the user reads: through the subject's own loader, or
    one of the kind's registered readers; 404 when none lets them."""
    subject = subject_for(kind.subject)
    try:
        return subject.load(user, pk, False)
    except Http404:
        for reader in _readers.get(kind.code, []):
            obj = reader(user, pk)
            if obj is not None:
                return obj
        raise


def all_kinds() -> list[DocumentKind]:
    return sorted(_kinds.values(), key=lambda k: (k.subject, k.code))
