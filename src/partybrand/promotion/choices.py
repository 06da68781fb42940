"""Choices of 推介管理's activity carriers (载体), with the words branches use for them."""

from django.db import models


class CarrierKind(models.TextChoices):
    """The carriers through which members show the brand in their daily work."""

    AREA = "area", "党员责任区"
    POST = "post", "党员示范岗"
    COMMANDO = "commando", "党员突击队"
    SERVICE = "service", "党员服务队"
    PROJECT = "project", "攻关项目"


class BrandDisplay(models.TextChoices):
    """How a carrier shows the brand (the “三亮”)."""

    IDENTITY = "identity", "亮身份"
    COMMITMENT = "commitment", "亮承诺"
    SIGN = "sign", "亮标识"


class CarrierState(models.TextChoices):
    ACTIVE = "active", "运行中"
    ENDED = "ended", "已结束"


class RecognitionDecision(models.TextChoices):
    GRANTED = "granted", "予以认定"
    DECLINED = "declined", "暂不认定"


# The title a committee usually gives each kind of carrier it recognises.
RECOGNITION_TITLES = {
    CarrierKind.AREA: "优秀党员责任区",
    CarrierKind.POST: "党员示范岗",
    CarrierKind.COMMANDO: "优秀党员突击队",
    CarrierKind.SERVICE: "优秀党员服务队",
    CarrierKind.PROJECT: "优秀党员攻关项目",
}


class PromotionAudit(models.TextChoices):
    """What the audit log records of carriers, their activities and their recognition."""

    CARRIER_CREATE = "carrier_create", "新建活动载体"
    CARRIER_UPDATE = "carrier_update", "修改活动载体"
    ACTIVITY_ADD = "activity_add", "记录载体活动"
    RECOGNITION_RECORD = "recognition_record", "评定活动载体"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "carrier": "活动载体",
    "members": "成员",
    "participants": "参加人员",
    "photos": "活动照片",
}
