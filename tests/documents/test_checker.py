"""The 公文 checker finds what a 党建工作部 reader marks at once, and says where."""

from datetime import date

from partybrand.documents.checker import check_doc_number, check_spec, check_text
from partybrand.documents.spec import DocumentSpec, Masthead, Para, Section
from tests.documents.sample import notice


def messages(text: str) -> list[str]:
    return [f.message for f in check_text(text)]


def test_clean_official_text_has_no_findings():
    assert check_text("共收到答卷44份，2026年9月3日召开支委会（扩大），做到“两个维护”。") == []


def test_a_space_between_chinese_and_digits_is_found():
    (message,) = messages("共收到答卷 44 份")[:1]
    assert "不加空格" in message and "答卷 44" in message


def test_zero_padded_dates_are_found():
    assert any("不编虚位" in m for m in messages("2026年09月03日召开会议"))
    assert any("不编虚位" in m for m in messages("于12月03日前报送"))
    assert not any("不编虚位" in m for m in messages("于12月3日前报送"))


def test_half_width_punctuation_in_chinese_is_found():
    found = messages("各支部要认真落实,及时报送:材料;是否完成?务必完成!")
    assert sum("全角标点" in m for m in found) >= 4
    assert any("全角括号" in m for m in messages("召开支委会(扩大)"))
    assert messages("时间为9:30，比例为1:2。") == []  # between digits it is no Chinese punctuation


def test_political_formulas_written_wrongly_are_found_with_the_right_form():
    assert any("两个维护" in m for m in messages("坚决做到二个维护"))
    assert any("四个意识" in m for m in messages("增强4个意识"))
    assert any("四个自信" in m for m in messages("坚定4个自信"))
    assert any("两个确立" in m for m in messages("深刻领悟二个确立"))
    wrong = messages("中国共产党第二十届全国代表大会")
    assert any("中国共产党第二十次全国代表大会" in m for m in wrong)


def test_document_numbers_are_checked_for_brackets_zeros_and_di():
    assert check_doc_number("测试党委〔2026〕3号") == ""
    assert "六角括号" in check_doc_number("测试党委[2026]3号")
    assert "六角括号" in check_doc_number("测试党委（2026）3号")
    assert "虚位" in check_doc_number("测试党委〔2026〕03号")
    assert "第" in check_doc_number("测试党委〔2026〕第3号")
    assert any("六角括号" in m for m in messages("根据测试党委[2026]3号文件精神"))


def test_serial_numbers_out_of_order_or_of_the_wrong_kind_are_found_with_their_place():
    spec = DocumentSpec(
        layout="paper",
        title="工作总结",
        sections=[
            Section(
                "done",
                "主要做法",
                [
                    Para("（一）强化组织。"),
                    Para("（三）健全机制。"),  # （二） is missing
                    Para("1.建立台账。"),
                    Para("（1）按月更新。"),
                ],
            ),
            Section("next", "下一步打算", [Para("1.补齐短板。")]),  # 1. with no （一） above
            Section("wrong", "存在问题", [Para("一.认识不到位。"), Para("2、落实不够。")]),
        ],
    )
    findings = [str(f) for f in check_spec(spec)]
    assert any(f.startswith("主要做法 第2段") and "不连续" in f for f in findings)
    assert any(f.startswith("下一步打算 第1段") and "跳过了上一级" in f for f in findings)
    assert any("“一.”应写作“一、”" in f for f in findings)
    assert any("“1、”应写作“1.”" in f for f in findings)
    assert not any(f.startswith(("主要做法 第3段", "主要做法 第4段")) for f in findings)


def test_a_whole_document_is_checked_with_each_place_named():
    spec = notice(title="关于开展党建品牌创建工作的通知", signed_on=date(2026, 9, 3))
    assert check_spec(spec) == []
    spec.sections[0].blocks[0] = Para("共有 12 个支部参加")
    spec.masthead = Masthead(issuer_mark="测试", number="测试党委〔2026〕第03号")
    spec.appendices[0].sections[0].blocks[0] = Para("截至2026年09月")
    places = {f.place for f in check_spec(spec)}
    assert "第1部分 第1段" in places
    assert "版头" in places
    assert "附件1 第1部分 第1段" in places
