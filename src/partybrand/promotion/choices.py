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


class LaunchState(models.TextChoices):
    """A brand launch (品牌发布会): planned, then held, then its record kept."""

    PLANNED = "planned", "筹备中"
    HELD = "held", "已举行"
    RECORDED = "recorded", "已归档"


class PublicityDirection(models.TextChoices):
    """The three ways a brand is made known (推介): inside, upward, outward."""

    INSIDE = "inside", "对内宣传"
    UPWARD = "upward", "向上报送"
    OUTWARD = "outward", "对外推介"


class PublicityChannel(models.TextChoices):
    WEBSITE = "website", "门户网站"
    WECHAT = "wechat", "微信公众号"
    BOARD = "board", "宣传栏"
    JOURNAL = "journal", "内部刊物"
    REPORT = "report", "上报材料"
    MEDIA = "media", "新闻媒体"
    ARTICLE = "article", "期刊文章"
    AWARD = "award", "奖项荣誉"


# Which channels belong to which direction, as the ledger's columns group them.
CHANNEL_DIRECTION = {
    PublicityChannel.WEBSITE: PublicityDirection.INSIDE,
    PublicityChannel.WECHAT: PublicityDirection.INSIDE,
    PublicityChannel.BOARD: PublicityDirection.INSIDE,
    PublicityChannel.JOURNAL: PublicityDirection.INSIDE,
    PublicityChannel.REPORT: PublicityDirection.UPWARD,
    PublicityChannel.MEDIA: PublicityDirection.OUTWARD,
    PublicityChannel.ARTICLE: PublicityDirection.OUTWARD,
    PublicityChannel.AWARD: PublicityDirection.OUTWARD,
}


class PublicityLevel(models.TextChoices):
    """Where an item appeared or was adopted, lowest first."""

    TEAM = "team", "班组"
    COMPANY = "company", "公司"
    GROUP = "group", "集团"
    PROVINCIAL = "provincial", "省部"
    NATIONAL = "national", "国家"


class Adoption(models.TextChoices):
    """What the committee an item was reported to made of it."""

    PENDING = "pending", "待采用"
    ADOPTED = "adopted", "已采用"
    DECLINED = "declined", "未采用"


class PromotionNotice(models.TextChoices):
    """The kinds of notice 推介 sends (registered with the notification centre)."""

    LAUNCH = "launch", "品牌发布会"
    LAUNCH_SOON = "launch_soon", "发布会临近"
    LAUNCH_RECORD_DUE = "launch_record_due", "发布会记录待补"
    PUBLICITY_REPORTED = "publicity_reported", "推介材料报送"
    PUBLICITY_ADOPTED = "publicity_adopted", "推介材料采用"


class PromotionAudit(models.TextChoices):
    """What the audit log records of carriers, their activities and their recognition, of brand
    launches and of the publicity ledger."""

    CARRIER_CREATE = "carrier_create", "新建活动载体"
    CARRIER_UPDATE = "carrier_update", "修改活动载体"
    ACTIVITY_ADD = "activity_add", "记录载体活动"
    RECOGNITION_RECORD = "recognition_record", "评定活动载体"
    LAUNCH_PLAN = "launch_plan", "筹划品牌发布会"
    LAUNCH_UPDATE = "launch_update", "修改发布会方案"
    LAUNCH_HOLD = "launch_hold", "发布会已举行"
    LAUNCH_RECORD = "launch_record", "归档发布会记录"
    PUBLICITY_ADD = "publicity_add", "登记推介台账"
    PUBLICITY_ADOPT = "publicity_adopt", "记录推介材料采用情况"


# Keys of audit rows' `changes` that are no field of the row's model, as the audit page names them.
AUDIT_CHANGE_KEYS = {
    "carrier": "活动载体",
    "members": "成员",
    "participants": "参加人员",
    "photos": "活动照片",
    "launch": "发布会",
    "guests": "嘉宾",
    "agenda": "议程",
    "checklist": "会场清单",
    "proof": "佐证",
}
