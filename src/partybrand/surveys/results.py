"""What the results page shows: one summary per question, and who answered (by organisation
and by member status). Every figure comes from a fixed number of queries, however many answers."""

from collections import Counter, defaultdict

from django.db.models import Count
from django.db.models.functions import Substr

from partybrand.orgs.models import Member
from partybrand.orgs.tree import STEP_LEN
from partybrand.surveys.choices import TEXT_KINDS, WORD_KINDS, QuestionKind, RespondentStatus
from partybrand.surveys.models import Answer, Survey
from partybrand.surveys.selectors import response_counts, text_keywords
from partybrand.textsim.normalize import normalize

KEYWORD_LIMIT = 40


def question_results(survey: Survey, questions) -> list[dict]:
    values: dict[int, list] = defaultdict(list)
    texts: dict[int, list[str]] = defaultdict(list)
    rows = Answer.objects.filter(response__survey=survey).values_list(
        "question_id", "value", "text"
    )
    for question_id, value, text in rows:
        values[question_id].append(value)
        if text:
            texts[question_id].append(text)
    return [
        {"question": q, "number": n, **_summary(q, values[q.pk], texts[q.pk])}
        for n, q in enumerate(questions, start=1)
    ]


def _summary(q, values: list, texts: list[str]) -> dict:
    result = {
        "answered": len(values),
        "chart": None,
        "keywords": [],
        "proposals": [],
        "has_words": q.kind in WORD_KINDS,
    }
    kind = q.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = Counter()
        for value in values:
            counts.update(value if isinstance(value, list) else [value])
        data = [{"name": o, "value": counts[i]} for i, o in enumerate(q.options)]
        pie = kind == QuestionKind.SINGLE and len(q.options) <= 6
        result["chart"] = {"type": "pie" if pie else "bar", "data": data}
    elif kind == QuestionKind.RATING:
        counts = Counter(values)
        data = [{"name": f"{s} 分", "value": counts[s]} for s in q.scale]
        result["chart"] = {"type": "column", "data": data}
        result["mean"] = round(sum(values) / len(values), 2) if values else None
    elif kind == QuestionKind.RANKING:
        totals, firsts = Counter(), Counter()
        for order in values:
            for position, index in enumerate(order, start=1):
                totals[index] += position
            if order:
                firsts[order[0]] += 1
        rows = [
            {
                "name": o,
                "value": round(totals[i] / len(values), 2) if values else 0,
                "first": firsts[i],
            }
            for i, o in enumerate(q.options)
        ]
        rows.sort(key=lambda r: r["value"])
        result["chart"] = {"type": "rank", "data": rows}
    if kind in TEXT_KINDS or kind == QuestionKind.NAME_PROPOSAL:
        result["keywords"] = text_keywords(f"q{q.pk}", texts, KEYWORD_LIMIT)
    if kind == QuestionKind.NAME_PROPOSAL:
        result["proposals"] = grouped_proposals(values)
    return result


def grouped_proposals(values: list[dict]) -> list[dict]:
    """Proposed names counted together when they are the same after normalisation."""
    groups: dict[str, dict] = {}
    for value in values:
        key = normalize(value.get("name", ""))
        if not key:
            continue
        group = groups.setdefault(key, {"names": Counter(), "slogans": [], "count": 0})
        group["names"][value["name"]] += 1
        group["count"] += 1
        slogan = value.get("slogan", "")
        if slogan and slogan not in group["slogans"]:
            group["slogans"].append(slogan)
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["names"].most_common(1)[0][0]))
    return [
        {"name": g["names"].most_common(1)[0][0], "count": g["count"], "slogans": g["slogans"][:3]}
        for g in ranked
    ]


def org_breakdown(survey: Survey) -> list[dict]:
    """Responses per direct child of the survey's organisation, grouped in SQL, with the share
    of that unit's members who answered by name."""
    cut = len(survey.org.path) + STEP_LEN
    counts: dict[str, dict] = defaultdict(lambda: {"responses": 0, "named": 0})
    rows = (
        survey.responses.annotate(unit=Substr("respondent_org__path", 1, cut))
        .values_list("unit", "is_anonymous")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit, anonymous, n in rows:
        counts[unit or ""]["responses"] += n
        if not anonymous:
            counts[unit or ""]["named"] += n
    members = dict(
        Member.objects.filter(is_active=True, org__path__startswith=survey.org.path)
        .annotate(unit=Substr("org__path", 1, cut))
        .values_list("unit")
        .annotate(n=Count("id"))
        .order_by()
    )
    units = [(survey.org.path, f"{survey.org.name}（本级）")]
    units += (
        survey.org.children.filter(is_active=True)
        .order_by("sort_order", "path")
        .values_list("path", "name")
    )
    if "" in counts:
        units.append(("", "未说明单位"))
    result = []
    for path, name in units:
        row = {"name": name, **counts.get(path, {"responses": 0, "named": 0})}
        row["members"] = members.get(path, 0)
        if not (row["responses"] or row["members"]):
            continue  # e.g. 党小组 whose members are on the branch's own rolls
        row["rate"] = round(100 * row["named"] / row["members"], 1) if row["members"] else None
        result.append(row)
    return result


def status_breakdown(survey: Survey) -> list[dict]:
    counts = dict(
        survey.responses.values_list("respondent_status").annotate(n=Count("id")).order_by()
    )
    return [
        {"name": label, "value": counts.get(value, 0)}
        for value, label in RespondentStatus.choices
        if counts.get(value, 0) or value != RespondentStatus.UNKNOWN
    ]


def highlights(survey: Survey) -> dict:
    """A survey in a few lines, for the brand's positioning summary: how many answered, the
    mean of each rating, the most named words and the most proposed names."""
    questions = list(survey.questions.all())
    summaries = question_results(survey, questions)
    words: Counter[str] = Counter()
    proposals: list[dict] = []
    for s in summaries:
        words.update(dict(s["keywords"]))
        proposals += s["proposals"]
    return {
        "survey": survey,
        "counts": response_counts(survey),
        "ratings": [
            {"title": s["question"].title, "mean": s["mean"], "scale": s["question"].scale_max}
            for s in summaries
            if s.get("mean") is not None
        ],
        "keywords": sorted(words.items(), key=lambda item: (-item[1], item[0]))[:10],
        "proposals": sorted(proposals, key=lambda p: -p["count"])[:5],
    }
