"""What the carrier tests share: a carrier of 支部A's brand, an activity, a photo."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partybrand.core.clock import today
from partybrand.promotion import services


def jpeg(name="现场.jpg", size=(64, 48), colour=(200, 30, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_carrier(world, name="检修一班党员示范岗", **fields):
    data = {
        "kind": "post",
        "leader": world.member_a,
        "members": [world.member_a],
        "area": "1号机组检修现场",
        "commitment": "检修质量我把关，安全隐患我排查。",
        "starts_on": today() - timedelta(days=90),
        "display": ["identity", "commitment"],
        **fields,
    }
    return services.carrier_create(actor=world.secretary, brand=world.brand, name=name, **data)


DEFAULT_RESULTS = [{"label": "排查隐患", "number": "12", "unit": "项"}]


def make_activity(world, carrier, *, days_ago=10, results=None, photos=(), **fields):
    return services.activity_add(
        actor=world.secretary,
        carrier=carrier,
        held_on=today() - timedelta(days=days_ago),
        content=fields.pop("content", "党员带队排查隐患。"),
        place=fields.pop("place", "汽机房"),
        participants=fields.pop("participants", [world.member_a]),
        results=DEFAULT_RESULTS if results is None else results,
        photos=list(photos),
    )
