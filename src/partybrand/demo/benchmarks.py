"""Demo comparisons: a few branch brands have studied publicly reported brands of their trade."""

from partybrand.benchmarks.models import Benchmark
from partybrand.benchmarks.services import comparison_create
from partybrand.brands.choices import BrandStatus

# brand name -> [(benchmark name, what to learn, how we differ)]
COMPARISONS = {
    "匠心检修": [
        (
            "国家电网共产党员服务队",
            "服务队常态化、项目化运作，党员承诺公开、服务可追溯。",
            "我们聚焦检修现场的技术攻关和师带徒，而不是对外服务。",
        ),
        (
            "探查治防轨道作业车检修四步工作法",
            "把检修经验提炼成可复制、可培训的“四步”工作法。",
            "我们的工作法围绕发电设备缺陷的“早发现、快消缺”，步骤来自本班组案例。",
        ),
    ],
    "抢修尖兵": [
        (
            "红船共产党员服务队",
            "以红色文化为魂，抢修服务与群众工作一体推进。",
            "我们突出配电抢修“快、准、稳”的业务指标，以抢修时长和满意度检验成效。",
        ),
    ],
    "智慧绿能": [
        (
            "四领三创，建功山海",
            "把党建目标分解到新能源项目建设的关键节点。",
            "我们以集控中心数字化运维为载体，品牌内涵落在“智慧”二字上。",
        ),
    ],
    "安全守护": [
        (
            "堡垒工程",
            "以支部标准化建设夯实基础，做到表里一致。",
            "我们把安全质量监督作为党员责任区，用“零违章”数据说话。",
        ),
    ],
}


def seed_comparisons(brands) -> int:
    """Record the comparisons above for the demo brands that exist; returns how many."""
    by_name = {brand.name: brand for brand in brands}
    created = 0
    for brand_name, rows in COMPARISONS.items():
        brand = by_name.get(brand_name)
        if brand is None or brand.status == BrandStatus.REVOKED:
            continue
        for benchmark_name, learn, differ in rows:
            benchmark = Benchmark.objects.filter(name=benchmark_name).first()
            if benchmark is None:
                continue
            comparison_create(
                actor=brand.created_by, brand=brand, benchmark=benchmark, learn=learn, differ=differ
            )
            created += 1
    return created
