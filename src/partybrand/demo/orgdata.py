"""The demo enterprise's organisation tree: 华信能源集团 and its five subsidiaries.

Each unit lists the branches directly under it and its 党总支 with their branches; every branch
names the job-title pool (`names.JOB_POOLS`) its members draw from.
"""

ROOT_CODE = "HXNY"

GROUP = {
    "key": "group",
    "name": "华信能源集团有限公司党委",
    "short_name": "集团党委",
    "business": "电力生产、电网工程建设、新能源开发与综合能源服务，中央企业二级集团",
    "region": "北京市西城区",
    "provinces": ("北京", "河北", "天津", "山东", "湖北"),
    "direct": [],
    "generals": [
        (
            "集团总部机关党总支",
            [
                ("集团总部机关第一党支部", "office"),
                ("集团总部机关第二党支部", "office"),
                ("集团总部机关第三党支部", "office"),
                ("集团总部机关第四党支部", "office"),
            ],
        ),
    ],
}

COMPANIES = [
    {
        "key": "power",
        "name": "华信发电有限公司党委",
        "short_name": "发电公司",
        "business": "火力发电、水力发电及热力生产供应，装机容量 620 万千瓦",
        "region": "江苏省南京市",
        "provinces": ("江苏", "江苏", "江苏", "安徽", "山东"),
        "direct": [("发电公司机关第一党支部", "office"), ("发电公司机关第二党支部", "office")],
        "generals": [
            (
                "设备检修党总支",
                [
                    ("检修一班党支部", "maint"),
                    ("检修二班党支部", "maint"),
                    ("电气检修班党支部", "maint"),
                    ("热控检修班党支部", "maint"),
                ],
            ),
            (
                "发电运行党总支",
                [
                    ("集控运行一值党支部", "ops"),
                    ("集控运行二值党支部", "ops"),
                    ("集控运行三值党支部", "ops"),
                    ("化学运行党支部", "ops"),
                ],
            ),
            (
                "燃料与综合服务党总支",
                [
                    ("燃料管理部党支部", "fuel"),
                    ("输煤运行班党支部", "fuel"),
                    ("综合服务中心党支部", "fuel"),
                ],
            ),
        ],
    },
    {
        "key": "grid",
        "name": "华信电网工程有限公司党委",
        "short_name": "电网工程公司",
        "business": "输变电工程建设、电力勘察设计与施工总承包",
        "region": "广东省广州市",
        "provinces": ("广东", "广东", "广东", "湖南", "四川"),
        "direct": [
            ("电网工程公司机关第一党支部", "office"),
            ("电网工程公司机关第二党支部", "office"),
            ("安全质量部党支部", "qa"),
        ],
        "generals": [
            (
                "输电线路工程党总支",
                [
                    ("线路施工一队党支部", "build"),
                    ("线路施工二队党支部", "build"),
                    ("线路施工三队党支部", "build"),
                    ("特高压线路项目部党支部", "build"),
                ],
            ),
            (
                "变电工程党总支",
                [
                    ("变电工程项目部党支部", "build"),
                    ("电气安装一队党支部", "build"),
                    ("电气调试党支部", "build"),
                ],
            ),
            (
                "电力设计院党总支",
                [
                    ("变电设计室党支部", "design"),
                    ("线路设计室党支部", "design"),
                    ("勘测设计室党支部", "design"),
                ],
            ),
        ],
    },
    {
        "key": "renew",
        "name": "华信新能源有限公司党委",
        "short_name": "新能源公司",
        "business": "风力发电、光伏发电及储能项目的开发、建设与运营",
        "region": "内蒙古自治区呼和浩特市",
        "provinces": ("内蒙古", "内蒙古", "内蒙古", "甘肃", "宁夏", "山西"),
        "direct": [
            ("新能源公司机关第一党支部", "office"),
            ("新能源公司机关第二党支部", "office"),
            ("新能源集控中心党支部", "renew"),
            ("工程建设部党支部", "build"),
        ],
        "generals": [
            (
                "风电运维党总支",
                [
                    ("乌兰察布风电场党支部", "renew"),
                    ("锡林郭勒风电场党支部", "renew"),
                    ("包头风电场党支部", "renew"),
                    ("风机检修班党支部", "maint"),
                ],
            ),
            (
                "光伏运维党总支",
                [
                    ("鄂尔多斯光伏电站党支部", "renew"),
                    ("酒泉光伏电站党支部", "renew"),
                    ("中卫光伏电站党支部", "renew"),
                ],
            ),
            (
                "储能与技术研发党总支",
                [
                    ("储能电站运维党支部", "renew"),
                    ("氢能示范项目党支部", "renew"),
                    ("新能源技术研究所党支部", "design"),
                ],
            ),
        ],
    },
    {
        "key": "supply",
        "name": "华信物资有限公司党委",
        "short_name": "物资公司",
        "business": "电力物资招标采购、仓储配送、质量监督与应急物资保障",
        "region": "北京市丰台区",
        "provinces": ("北京", "北京", "河北", "天津", "辽宁"),
        "direct": [("物资公司机关第一党支部", "office"), ("物资公司机关第二党支部", "office")],
        "generals": [
            (
                "招标采购党总支",
                [
                    ("招标采购中心党支部", "supply"),
                    ("合同管理部党支部", "supply"),
                    ("供应商服务中心党支部", "supply"),
                ],
            ),
            (
                "仓储物流党总支",
                [
                    ("仓储配送中心党支部", "supply"),
                    ("北方物流基地党支部", "supply"),
                    ("南方物流基地党支部", "supply"),
                    ("应急物资储备库党支部", "supply"),
                ],
            ),
            (
                "质量监督党总支",
                [
                    ("质量监督检验党支部", "qa"),
                    ("物资检测中心党支部", "qa"),
                    ("驻厂监造党支部", "supply"),
                ],
            ),
        ],
    },
    {
        "key": "service",
        "name": "华信综合能源服务有限公司党委",
        "short_name": "综合能源公司",
        "business": "售电、配电网运营、客户服务、充换电与综合能源服务",
        "region": "浙江省杭州市",
        "provinces": ("浙江", "浙江", "浙江", "上海", "安徽"),
        "direct": [
            ("综合能源公司机关第一党支部", "office"),
            ("综合能源公司机关第二党支部", "office"),
        ],
        "generals": [
            (
                "营销服务党总支",
                [
                    ("营销服务中心党支部", "sales"),
                    ("客户服务中心党支部", "sales"),
                    ("电费核算党支部", "sales"),
                    ("大客户经理部党支部", "sales"),
                ],
            ),
            (
                "配电运营党总支",
                [
                    ("配电抢修一班党支部", "sales"),
                    ("配电抢修二班党支部", "sales"),
                    ("配电运维党支部", "maint"),
                    ("计量运维党支部", "sales"),
                ],
            ),
            (
                "综合能源项目党总支",
                [
                    ("综合能源项目部党支部", "build"),
                    ("充换电服务党支部", "sales"),
                    ("节能技术服务党支部", "design"),
                ],
            ),
        ],
    },
]

# 党小组 under some of the larger branches: branch name -> number of groups.
PARTY_GROUPS = {
    "检修一班党支部": 3,
    "集控运行一值党支部": 2,
    "线路施工一队党支部": 3,
    "乌兰察布风电场党支部": 2,
    "仓储配送中心党支部": 2,
    "营销服务中心党支部": 3,
    "配电抢修一班党支部": 2,
}
GROUP_ORDINALS = "一二三四五"

# Cross-cutting teams: (name, key of the unit it is set up under, units members come from,
# job-title pools they come from or None for any, maximum birth year or None, size).
TEAMS = [
    (
        "华信集团党员突击队",
        "group",
        ("power", "grid", "renew"),
        ("maint", "build", "renew"),
        None,
        36,
    ),
    ("青年党员志愿服务队", "service", ("service",), None, 1995, 28),
    (
        "迎峰度夏保供电党员服务队",
        "grid",
        ("grid", "service"),
        ("build", "sales", "maint"),
        None,
        30,
    ),
]
TEAM_BUSINESS = {
    "华信集团党员突击队": "承担抢险救灾、重大工程攻坚和设备抢修任务，跨单位抽调党员骨干组成",
    "青年党员志愿服务队": "由 35 岁以下党员组成，开展进社区用电服务、助老助残和志愿宣讲",
    "迎峰度夏保供电党员服务队": "迎峰度夏、春节等保供电关键时段的巡视、值守和应急抢修",
}
