"""Importing an indicator table (.xlsx): reading the sheet laid out as in xlsx_layout.py, every
row checked and every problem named by its Excel row, then a new draft system built from it.
All or nothing: nothing is saved unless every row is right (ImportRefused lists the rows)."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from partybrand.core.tabular import (
    ErrorList,
    ImportRefused,
    RowError,
    cell_text,
    hidden_in_line,
    load_workbook_safely,
)
from partybrand.indicators import services
from partybrand.indicators.choices import AssessMethod, FinalRule, ScoringMethod, SystemKind
from partybrand.indicators.models import IndicatorSystem
from partybrand.indicators.notation import (
    FULLWIDTH,
    STAR_PART,
    parse_methods,
    parse_points,
    parse_stars,
)
from partybrand.indicators.validation import Node, check_tree
from partybrand.indicators.xlsx_layout import (
    ALIASES,
    ASSESS,
    CODE,
    COLUMNS,
    EVIDENCE,
    EXAMPLE_SHEET,
    GUIDE,
    L1,
    L2,
    LEVEL_COLUMNS,
    META_ALIASES,
    META_CODE,
    META_DESCRIPTION,
    META_DIVERGENCE,
    META_KEYS,
    META_KIND,
    META_NAME,
    META_RULE,
    META_STARS,
    META_TOTAL,
    METHOD,
    NOTES_SHEET,
    POINTS,
    SHEET,
    VETO,
)

HEADER_SEARCH_ROWS = 40
MAX_ROWS = 2000
YES = {"是", "√", "✓", "y", "yes", "true", "1", "否决", "一票否决"}
NO = {"", "否", "×", "n", "no", "false", "0", "无", "-", "—", "/"}


def _split_name_points(text: str) -> tuple[str, Decimal | None]:
    """ "基本组织设置（15分）" → ("基本组织设置", 15)."""
    match = re.fullmatch(r"(.+?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]", text)
    if match:
        return match.group(1).strip(), Decimal(match.group(2)).quantize(Decimal("0.01"))
    return text, None


def _kind_of(text: str) -> str:
    for value, label in SystemKind.choices:
        if text in (value, label):
            return value
    if "品牌" in text:
        return SystemKind.BRAND
    if any(word in text for word in ("标准化", "规范化", "党支部", "支部")):
        return SystemKind.STANDARDISATION
    return SystemKind.OTHER


def _rule_of(text: str) -> str | None:
    if not text or text in ("平均", "平均分", "mean", FinalRule.MEAN.label):
        return FinalRule.MEAN
    if "去掉" in text or "去除" in text or text == "trimmed_mean":
        return FinalRule.TRIMMED_MEAN
    if "平均" in text:
        return FinalRule.MEAN
    return None


# ---------------------------------------------------------------- reading


@dataclass
class Parsed:
    header: dict = field(default_factory=dict)
    code: str = ""
    stars: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # services.Row, with .excel_row set
    row_of: dict = field(default_factory=dict)  # indicator code -> Excel row
    total_row: int = 0
    stars_row: int = 0


def _norm(value) -> str:
    text = re.sub(r"\s+", "", cell_text(value))
    return re.sub(r"[*＊:：]+$", "", text.lstrip("*＊"))


def _pick_sheet(workbook):
    sheets = [ws for ws in workbook.worksheets if ws.title not in (NOTES_SHEET, EXAMPLE_SHEET)]
    named = [ws for ws in sheets if ws.title == SHEET]
    if named or sheets:
        return (named or sheets)[0]
    raise ImportRefused([RowError(0, "", "文件中没有“指标体系”工作表。")])


def read_table(upload) -> Parsed:
    """The system described by an uploaded table, or ImportRefused naming every bad row."""
    workbook = load_workbook_safely(upload)
    try:
        worksheet = _pick_sheet(workbook)
        lines = []
        for number, values in enumerate(workbook.rows(worksheet, max_col=20), 1):
            if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportRefused([RowError(0, "", f"指标超过 {MAX_ROWS} 行的上限。")])
            lines.append((number, list(values)))
    except ImportRefused:
        raise
    except ValidationError as exc:  # a limit reached while reading (time)
        raise ImportRefused([RowError(0, "", "；".join(exc.messages))]) from exc
    except Exception as exc:
        raise ImportRefused(
            [RowError(0, "", "文件内容已损坏，无法读取，请另存为新的 .xlsx 文件后重试。")]
        ) from exc
    finally:
        workbook.close()
    return parse_lines(lines)


def parse_lines(lines) -> Parsed:
    errors = ErrorList()
    for number, values in lines:
        errors += hidden_in_line(number, values)
    if errors:
        raise ImportRefused(errors)
    parsed = Parsed()
    header_at, positions = 0, {}
    meta: dict[str, tuple[int, object]] = {}
    for number, values in lines:
        names = [_norm(v) for v in values]
        found = {}
        for index, name in enumerate(names):
            column = name if name in COLUMNS else ALIASES.get(name)
            if column and column not in found:
                found[column] = index
        if L1 in found and (POINTS in found or L2 in found):
            header_at, positions = number, found
            break
        if number >= HEADER_SEARCH_ROWS:
            break
        filled = [(i, v) for i, v in enumerate(values) if cell_text(v)]
        if len(filled) == 1 and "title" not in meta:  # a title row: "附件1：xx考评标准"
            title = re.sub(r"^附件\s*\d*\s*[:：]?\s*", "", cell_text(filled[0][1]))
            if title and _norm(title) not in META_KEYS:
                meta["title"] = (number, title)
                continue
        if filled:
            key = _norm(filled[0][1])
            key = key if key in META_KEYS else META_ALIASES.get(key, key)
            star_key = STAR_PART.match(key)
            value = filled[1][1] if len(filled) > 1 else None
            if key in META_KEYS:
                meta[key] = (number, value)
            elif star_key and value is not None:  # a row per star level: "五星级 | 95"
                previous = meta.get(META_STARS, (number, ""))
                text = f"{cell_text(previous[1])}；{key}≥{cell_text(value)}".strip("；")
                meta[META_STARS] = (previous[0], text)
    if not header_at:
        raise ImportRefused(
            [
                RowError(
                    1, "", f"未找到指标表头行，请使用导入模板；表头应包含：{'、'.join(COLUMNS)}。"
                )
            ]
        )
    for required in (POINTS,):
        if required not in positions:
            errors.add(header_at, required, f"缺少必填列“{required}”。")
    _read_meta(meta, parsed, errors, header_at)
    if errors:
        raise ImportRefused(errors)
    _read_rows([(n, v) for n, v in lines if n > header_at], positions, parsed, errors)
    if errors:
        raise ImportRefused(errors)
    _check_sums(parsed, errors)
    if errors:
        raise ImportRefused(errors)
    return parsed


def _read_meta(meta, parsed: Parsed, errors: ErrorList, header_at: int) -> None:
    def text(key):
        return cell_text(meta[key][1]) if key in meta else ""

    name = text(META_NAME) or (cell_text(meta["title"][1])[:100] if "title" in meta else "")
    if not name:
        errors.add(meta.get(META_NAME, (1, None))[0], META_NAME, "请在表头上方填写体系名称。")
    parsed.header["name"] = name
    parsed.header["kind"] = _kind_of(text(META_KIND) or name)
    parsed.header["description"] = text(META_DESCRIPTION)
    parsed.code = text(META_CODE)
    if parsed.code and not re.fullmatch(r"[-a-zA-Z0-9_]+", parsed.code):
        errors.add(meta[META_CODE][0], META_CODE, "体系编码只能包含英文字母、数字、- 和 _。")
    parsed.total_row = meta.get(META_TOTAL, (header_at, None))[0]
    try:
        parsed.header["total_points"] = parse_points(meta[META_TOTAL][1])
        if parsed.header["total_points"] <= 0:
            raise ValueError
    except (KeyError, ValueError):
        errors.add(parsed.total_row, META_TOTAL, "请填写体系总分，例如 100。")
    rule = _rule_of(text(META_RULE))
    if rule is None:
        errors.add(
            meta[META_RULE][0],
            META_RULE,
            "最终得分规则应为“平均”或“去掉一个最高分和一个最低分后取平均”。",
        )
    parsed.header["final_rule"] = rule or FinalRule.MEAN
    if text(META_DIVERGENCE):
        try:
            parsed.header["divergence_threshold"] = parse_points(meta[META_DIVERGENCE][1])
        except ValueError:
            errors.add(meta[META_DIVERGENCE][0], META_DIVERGENCE, "分歧提示阈值应为分值，例如 3。")
    if text(META_STARS):
        parsed.stars_row = meta[META_STARS][0]
        try:
            parsed.stars = parse_stars(text(META_STARS))
        except ValueError as exc:
            errors.add(
                parsed.stars_row,
                META_STARS,
                f"无法识别“{exc.args[0]}”，请写成“五星级≥95；四星级≥90”的形式。",
            )


def _read_rows(lines, positions, parsed: Parsed, errors: ErrorList) -> None:
    current: list = [None, None, None]  # the services.Row of the current 一级, 二级, 三级
    counters: dict[str, int] = {}
    for number, values in lines:
        cells = {c: values[i] if i < len(values) else None for c, i in positions.items()}
        texts = {c: cell_text(v) for c, v in cells.items()}
        if not any(texts.values()):
            continue
        if any(texts.get(c, "").startswith("示例") for c in (CODE, L1)):
            continue
        names = [texts.get(c, "") for c in LEVEL_COLUMNS]
        filled = [i for i, name in enumerate(names) if name]
        if not filled:
            errors.add(number, L1, "请填写指标名称（一级、二级或三级指标列）。")
            continue
        level = filled[-1]  # 0-based
        # Columns left of the deepest name: blank (merged) or the current ancestor's name.
        broken = False
        for depth in range(level):
            name = names[depth]
            if not name:
                if current[depth] is None:
                    errors.add(
                        number,
                        LEVEL_COLUMNS[depth],
                        f"{LEVEL_COLUMNS[level]}“{names[level]}”上方没有所属的"
                        f"{LEVEL_COLUMNS[depth]}，请填写{LEVEL_COLUMNS[depth]}。",
                    )
                    broken = True
                    break
                continue
            bare, declared = _split_name_points(name)
            if current[depth] is not None and bare == current[depth].name:
                continue
            # A new ancestor named on a deeper item's row (the ancestor has no row of its own).
            parent = current[depth - 1] if depth else None
            row = _new_row(parsed, counters, number, bare, depth, parent, declared)
            row.implicit = declared is None
            current[depth] = row
            current[depth + 1 :] = [None] * (3 - depth - 1)
        if broken:
            continue
        parent = current[level - 1] if level else None
        bare, declared = _split_name_points(names[level])
        row = _new_row(
            parsed,
            counters,
            number,
            bare,
            level,
            parent,
            declared,
            texts.get(CODE, ""),
        )
        current[level] = row
        current[level + 1 :] = [None] * (3 - level - 1)
        _fill(row, number, cells, texts, errors, declared)
    if not parsed.rows and not errors:
        errors.add(0, "", "表中没有指标，请在表头下方逐行填写指标。")
    seen = {}
    for row in parsed.rows:
        if row.code in seen:
            errors.add(
                row.excel_row,
                CODE,
                f"编码“{row.code}”与第 {seen[row.code].excel_row} 行重复。",
            )
        else:
            seen[row.code] = row


def _new_row(parsed, counters, number, name, depth, parent, declared, code=""):
    parent_code = parent.code if parent is not None else ""
    counters[parent_code] = counters.get(parent_code, 0) + 1
    code = code.translate(FULLWIDTH).replace("．", ".").rstrip(".、") if code else ""
    if not code:
        code = f"{parent_code}.{counters[parent_code]}" if parent_code else str(counters[""])
    row = services.Row(
        code=code,
        name=name,
        level=depth + 1,
        points=declared if declared is not None else Decimal("0"),
        parent_code=parent_code,
    )
    row.excel_row = number
    row.implicit = False
    row.children = []
    if parent is not None:
        parent.children.append(row)
    parsed.rows.append(row)
    parsed.row_of[code] = number
    return row


def _fill(row, number, cells, texts, errors: ErrorList, declared) -> None:
    veto_text = texts.get(VETO, "")
    veto = veto_text.lower() not in NO
    row.is_veto = veto
    if veto and veto_text.lower() not in YES:
        row.veto_note = veto_text[:300]
    raw_points = cells.get(POINTS)
    if cell_text(raw_points):
        try:
            row.points = parse_points(raw_points)
        except ValueError:
            errors.add(
                number, POINTS, f"分值“{cell_text(raw_points)}”不是有效的数字，例如 10 或 10分。"
            )
    elif declared is None and not veto:
        row.points_missing = True  # a parent may take the sum of its items; a leaf may not
    method = texts.get(METHOD, "")
    if not method or method in ("加分", "add", "加", "得分"):
        row.scoring_method = ScoringMethod.ADD
    elif method in ("扣分", "deduct", "扣", "减分"):
        row.scoring_method = ScoringMethod.DEDUCT
    else:
        errors.add(number, METHOD, f"计分方式应为“加分”或“扣分”，不能是“{method}”。")
    row.guide = texts.get(GUIDE, "")
    evidence = texts.get(EVIDENCE, "")
    row.evidence_required = evidence.lower() not in NO
    row.evidence_note = evidence[:300] if row.evidence_required else ""
    try:
        row.methods = parse_methods(texts.get(ASSESS, ""))
    except ValueError as exc:
        errors.add(
            number,
            ASSESS,
            f"无法识别评价方式“{exc.args[0]}”，可填：{'、'.join(AssessMethod.labels)}。",
        )
    if len(row.name) > 200:
        errors.add(number, "", "指标名称不能超过 200 个字。")
    if len(row.code) > 20:
        errors.add(number, CODE, "编码不能超过 20 个字符。")


def _check_sums(parsed: Parsed, errors: ErrorList) -> None:
    """The same checks as publishing, each named by the row of the item that is off."""
    for row in parsed.rows:
        if getattr(row, "points_missing", False) or row.implicit:
            if row.children:  # a parent without points takes the sum of its items
                row.points = sum((c.points for c in row.children), Decimal("0"))
            elif getattr(row, "points_missing", False):
                errors.add(row.excel_row, POINTS, "请填写分值。")
    if errors:
        return
    # Parents whose points were taken from their items are summed bottom-up (三级 before 二级).
    for row in sorted(parsed.rows, key=lambda r: -r.level):
        if (getattr(row, "points_missing", False) or row.implicit) and row.children:
            row.points = sum((c.points for c in row.children), Decimal("0"))
    nodes = [
        Node(
            key=row.code,
            code=row.code,
            name=row.name,
            level=row.level,
            points=row.points,
            parent=row.parent_code or None,
            scoring_method=row.scoring_method,
            is_veto=row.is_veto,
            ref=row.excel_row,
        )
        for row in parsed.rows
    ]
    total = parsed.header.get("total_points") or Decimal("0")
    for problem in check_tree(nodes, total=total, stars=[(s, m) for s, m, _ in parsed.stars]):
        if problem.code == "duplicate_code":
            continue  # reported per row already
        if problem.ref:
            errors.add(problem.ref, "", problem.message)
        elif problem.code.startswith("star"):
            errors.add(parsed.stars_row, META_STARS, problem.message)
        else:
            errors.add(parsed.total_row, META_TOTAL, problem.message)


# ---------------------------------------------------------------- importing


@transaction.atomic
def import_system(*, actor, upload, owner=None, version_of: IndicatorSystem | None = None):
    """A new DRAFT system from the table: the next version of `version_of`'s family, or a new
    family (under the file's 体系编码 when it is free). Refused as a whole on any error."""
    parsed = read_table(upload)
    code = version_of.code if version_of is not None else ""
    if not code and parsed.code:
        if IndicatorSystem.objects.filter(code=parsed.code).exists():
            raise ImportRefused(
                [
                    RowError(
                        0,
                        META_CODE,
                        f"体系编码“{parsed.code}”已被使用。要导入为该体系的新版本，请在该体系页面"
                        "选择“导入新版本”；否则请删除或修改表中的体系编码。",
                    )
                ]
            )
        code = parsed.code
    try:
        return services.system_build(
            actor=actor,
            header=parsed.header,
            rows=parsed.rows,
            stars=parsed.stars,
            owner=version_of.owner if version_of is not None else owner,
            code=code,
        )
    except ValidationError as exc:
        raise ImportRefused([RowError(0, "", m) for m in exc.messages]) from exc
