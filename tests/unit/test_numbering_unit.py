"""Word list numbers rendered in memory: every format the reader knows, levels, lists sharing a definition, styles."""
from __future__ import annotations

import pytest
from lxml import etree

from app.draft.docx_numbering import Numbering
from app.draft.model import Paragraph
from app.draft.number_formats import KNOWN_FORMATS, render
from app.findings import DocxParagraph
from app.formats.labels import norm
from app.report.headings import heading_words

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'

# Every value of ST_NumberFormat (ECMA-376 Part 1, §17.18.59).
ST_NUMBER_FORMAT = ["decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText", "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha", "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand", "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero", "bullet", "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalEnclosedCircleChinese", "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac", "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional", "taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified", "chineseCountingThousand", "koreanDigital", "koreanCounting", "koreanLegal", "koreanDigital2", "vietnameseCounting", "russianLower", "russianUpper", "none", "numberInDash", "hebrew1", "hebrew2", "arabicAlpha", "arabicAbjad", "hindiVowels", "hindiConsonants", "hindiNumbers", "hindiCounting", "thaiLetters", "thaiNumbers", "thaiCounting", "bahtText", "dollarText"]


def test_every_format_of_the_standard_is_known():
    assert set(ST_NUMBER_FORMAT) <= KNOWN_FORMATS
    for fmt in ST_NUMBER_FORMAT:
        for n in (1, 6, 10, 21, 105):
            assert isinstance(render(fmt, n), str), (fmt, n)


@pytest.mark.parametrize(("fmt", "numbers"), [
    ("chineseCounting", "一 二 三 四 五 六 十 十一 二十"),
    ("chineseCountingThousand", "一 二 三 四 五 六 十 十一 二十"),
    ("taiwaneseCounting", "一 二 三 四 五 六 十 十一 二十"),
    ("taiwaneseCountingThousand", "一 二 三 四 五 六 十 十一 二十"),
    ("japaneseCounting", "一 二 三 四 五 六 十 十一 二十"),
    ("chineseLegalSimplified", "壹 贰 叁 肆 伍 陆 壹拾 壹拾壹 贰拾"),
    ("ideographLegalTraditional", "壹 貳 參 肆 伍 陸 壹拾 壹拾壹 貳拾"),
    ("ideographDigital", "一 二 三 四 五 六 一〇 一一 二〇"),
    ("taiwaneseDigital", "一 二 三 四 五 六 一〇 一一 二〇"),
    ("ideographTraditional", "甲 乙 丙 丁 戊 己 癸 甲 癸"),
    ("ideographZodiac", "子 丑 寅 卯 辰 巳 酉 戌 未"),
    ("ideographEnclosedCircle", "㈠ ㈡ ㈢ ㈣ ㈤ ㈥ ㈩ 11 20"),
    ("decimalEnclosedCircleChinese", "① ② ③ ④ ⑤ ⑥ ⑩ ⑪ ⑳"),
    ("decimalEnclosedParen", "⑴ ⑵ ⑶ ⑷ ⑸ ⑹ ⑽ ⑾ ⒇"),
    ("decimalFullWidth", "１ ２ ３ ４ ５ ６ １０ １１ ２０"),
    ("upperRoman", "I II III IV V VI X XI XX"),
    ("lowerLetter", "a b c d e f j k t"),
])
def test_cjk_and_common_formats(fmt, numbers):
    assert [render(fmt, n) for n in (1, 2, 3, 4, 5, 6, 10, 11, 20)] == numbers.split()


def test_an_unknown_format_is_none():
    assert render("someFutureFormat", 3) is None


def _numbering(xml: str, styles: dict[str, str] | None = None) -> Numbering:
    root = etree.fromstring(f"<w:numbering {NS}>{xml}</w:numbering>")
    parsed = {k: etree.fromstring(f'<w:style {NS} w:styleId="{k}">{v}</w:style>') for k, v in (styles or {}).items()}
    return Numbering(lambda: root, parsed.get)


def _p(num_id: str | None = None, ilvl: int | None = None):
    num_pr = ""
    if num_id is not None or ilvl is not None:
        num_pr = "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>"
    return etree.fromstring(f"<w:p {NS}><w:pPr>{num_pr}</w:pPr></w:p>")


def _abstract(aid: str, *levels: tuple[str, str], extra: str = "") -> str:
    body = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f"{extra if i == 0 else ''}</w:lvl>" for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{aid}">{body}</w:abstractNum>'


def test_levels_count_and_restart_below_a_higher_level():
    n = _numbering(_abstract("1", ("taiwaneseCountingThousand", "%1、"), ("chineseCounting", "（%2）"))
                   + '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    labels = [n.label(_p("5", lv), None).text for lv in (0, 1, 1, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_several_placeholders_and_legal_numbering():
    n = _numbering(_abstract("1", ("chineseCounting", "第%1部分"), ("decimal", "%1.%2"))
                   + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert [n.label(_p("1", lv), None).text for lv in (0, 1, 1)] == ["第一部分", "一.1", "一.2"]
    legal = ('<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/>'
             '<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:isLgl/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>')
    n = _numbering(legal)
    assert [n.label(_p("2", lv), None).text for lv in (0, 1)] == ["一、", "1.1"]


def test_lists_of_one_definition_count_on_unless_restarted():
    xml = (_abstract("8", ("chineseCounting", "%1、"))
           + '<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num>'
           + '<w:num w:numId="9"><w:abstractNumId w:val="8"/></w:num>'
           + '<w:num w:numId="10"><w:abstractNumId w:val="8"/>'
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    n = _numbering(xml)
    assert [n.label(_p(i, 0), None).text for i in ("8", "9", "8", "10")] == ["一、", "二、", "三、", "一、"]


def test_numbering_through_a_paragraph_style_and_its_base():
    xml = _abstract("3", ("chineseCounting", "%1、")) + '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
    styles = {"Base": '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr>',
              "Heading1": '<w:basedOn w:val="Base"/>'}
    n = _numbering(xml, styles)
    assert [n.label(_p(), "Heading1").text, n.label(_p(), "Heading1").text] == ["一、", "二、"]
    assert n.label(_p(), "Unknown") is None


def test_a_number_nothing_can_render_is_left_out_but_still_numbers_the_paragraph():
    n = _numbering(_abstract("1", ("someFutureFormat", "%1、")) + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    label = n.label(_p("1", 0), None)
    assert label.text == "" and label.known is False


def test_heading_words_cut_a_list_number_whatever_follows_it():
    where = DocxParagraph(0)
    assert heading_words(Paragraph("一总体情况", where, list_number="一")) == (norm("一、总体情况"), "总体情况")
    assert heading_words(Paragraph("一、总体情况", where, list_number="一、")) == (norm("一、总体情况"), "总体情况")
    assert heading_words(Paragraph("总体情况", where, list_number="")) == ("总体情况", "总体情况")
    assert heading_words(Paragraph("三、收到申请情况", where)) == (norm("三、收到申请情况"), "收到申请情况")
