"""What every rounds service shares: the audit row and locking."""

from partybrand.core.audit import audit_record
from partybrand.rounds.models import Entry, Round


def audit(actor, action: str, obj, org_path: str, changes: dict, comment: str = "") -> None:
    audit_record(
        actor=actor, action=action, obj=obj, org_path=org_path, changes=changes, comment=comment
    )


def locked_round(round_: Round) -> Round:
    return (
        Round.objects.select_for_update(of=("self",)).select_related("committee").get(pk=round_.pk)
    )


def locked_entry(entry: Entry) -> Entry:
    return (
        Entry.objects.select_for_update(of=("self",))
        .select_related("round__committee", "brand__org", "org", "tier")
        .get(pk=entry.pk)
    )
