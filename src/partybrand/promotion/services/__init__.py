"""Every change of 推介, by step: carriers (their activities and recognition), the brand launch,
the publicity ledger. Each checks its input, runs in one transaction and writes one audit row."""

from partybrand.promotion.services.carriers import (
    MAX_PHOTOS,
    MAX_RESULTS,
    activity_add,
    carrier_create,
    carrier_update,
    check_photos,
    recognition_record,
)
from partybrand.promotion.services.launch import (
    launch_hold,
    launch_plan,
    launch_record,
    launch_update,
)
from partybrand.promotion.services.publicity import publicity_add, publicity_adopt

__all__ = [
    "MAX_PHOTOS",
    "MAX_RESULTS",
    "activity_add",
    "carrier_create",
    "carrier_update",
    "check_photos",
    "launch_hold",
    "launch_plan",
    "launch_record",
    "launch_update",
    "publicity_add",
    "publicity_adopt",
    "recognition_record",
]
