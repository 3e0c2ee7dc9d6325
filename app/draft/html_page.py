"""A saved web page as text and as a tree: its encoding, the page inside an .mht, and the report inside the site."""
from __future__ import annotations

import codecs
import email
import email.policy
import re

from .model import UnreadableDraft

MAX_ELEMENTS = 400_000  # a report page has a few thousand; beyond this the page is not a report
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([-\w.:]{1,40})", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-euc-cn", "euc-cn", "hz-gb-2312"}
_MHT_HEAD = (b"mime-version:", b"from:", b"content-type: multipart", b"snapshot-content-location")
# class/id words of a site's chrome around the content (split at - _ and blanks)
_CHROME_WORDS = {"nav", "navbar", "menu", "header", "footer", "foot", "breadcrumb", "crumb", "crumbs", "share",
                 "bdshare", "sidebar", "banner", "search", "copyright", "position", "location", "dqwz", "weizhi",
                 "toolbar", "topbar", "friendlink", "links", "related", "print", "close"}
_DROPPED_TAGS = {"script", "style", "noscript", "iframe", "object", "embed", "select", "option", "button", "input",
                 "textarea", "template", "svg", "canvas", "head", "title", "nav", "header", "footer", "map"}
_TITLE = re.compile(r"政府信息公开.{0,8}年度?报告")
_NOT_TITLE = re.compile(r"当前位置|您的位置|所在位置|>|›|»|首页")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

UNDECODABLE = "网页的文字编码无法识别（乱码），请在浏览器中打开该网页，另存为“网页，仅 HTML”后再检查"
NO_PAGE = "这个 .mht 文件中没有网页内容，请在浏览器中重新另存为“网页，单个文件”或“网页，仅 HTML”后再检查"
TOO_BIG = "网页内容过多（元素超过 40 万个），不像是一份年报网页，请只保存年报正文所在的网页后再检查"


def page_text(data: bytes) -> str:
    """The page's markup as text: the HTML part of an .mht, decoded by its BOM, declared charset, else detected."""
    declared = None
    if data.lstrip()[:200].lower().startswith(_MHT_HEAD):
        data, declared = _mht_html_part(data)
    return decode(data, declared)


def _mht_html_part(data: bytes) -> tuple[bytes, str | None]:
    """The first text/html part of a MIME (.mht/.mhtml) file, transfer encoding undone, and its charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise UnreadableDraft(NO_PAGE)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: a BOM, else the declared or <meta> charset (GB2312/GBK read as GB18030), else UTF-8 or
    GB18030, whichever decodes; mostly undecodable text is refused."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace")
    meta = _META_CHARSET.search(data[:4096])
    encoding = _known(declared) or _known(meta.group(1).decode("ascii", "replace") if meta else None)
    candidates = list(dict.fromkeys(c for c in (encoding, "utf-8", "gb18030") if c))
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    text = min((data.decode(c, "replace") for c in candidates), key=lambda t: t.count("\ufffd"))  # a few bad bytes
    if text.count("\ufffd") > max(20, len(text) // 50):
        raise UnreadableDraft(UNDECODABLE)
    return text


def _known(name: str | None) -> str | None:
    """A Python codec for a declared charset name (the GB family as GB18030, its superset), None if unknown."""
    if not name:
        return None
    name = name.strip().lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# ---------------------------------------------------------------- the report inside the site's chrome

def drop_chrome(root) -> None:
    """Remove scripts, hidden elements, forms and the site's menus, breadcrumbs and footers (by tag, class or id),
    never an element holding most of the page's text."""
    total = _text_length(root)
    doomed = []
    for el in root.iter():
        if _is_dropped(el) or (_is_chrome(el) and _text_length(el) < total / 2):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            _remove_keep_tail(el)


def _is_dropped(el) -> bool:
    """A comment, script, style, form control or hidden element: never part of the report."""
    return not isinstance(el.tag, str) or el.tag in _DROPPED_TAGS or bool(_HIDDEN.search(el.get("style") or ""))


def _is_chrome(el) -> bool:
    words = re.split(r"[-_\s]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(w in _CHROME_WORDS for w in words)


def _remove_keep_tail(el) -> None:
    """Remove el from the tree, keeping the text that follows it."""
    parent, tail = el.getparent(), el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text_length(el) -> int:
    return len(re.sub(r"\s", "", "".join(el.itertext())))


def report_root(body):
    """The element holding the report: the deepest one with 80 % of the page's text that is not link text, widened
    to take in the report's title when the site shows it above the article."""
    lengths = _own_text_lengths(body)
    total = lengths[body]
    node = body
    while True:
        inner = next((child for child in node if isinstance(child.tag, str) and lengths.get(child, 0) >= 0.8 * total),
                     None)
        if inner is None:
            break
        node = inner
    title = _title_element(body)
    if title is not None and not _contains(node, title):
        node = _common_ancestor(node, title)
    return node


def _own_text_lengths(body) -> dict:
    """Characters of text (blanks and link text not counted) under each element, computed in one pass."""
    lengths: dict = {}
    for el in reversed(list(body.iter())):
        if not isinstance(el.tag, str):
            continue
        own = 0 if el.tag == "a" and el.get("href") is not None else _chars(el.text)
        own += sum(lengths.get(child, 0) + _chars(child.tail) for child in el)
        lengths[el] = own
    return lengths


def _chars(text: str | None) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") if text else 0


def _title_element(body):
    """The first short element whose text is the report's title (not a breadcrumb naming it)."""
    for el in body.iter("h1", "h2", "h3", "p", "div", "td", "span", "font", "strong", "b"):
        text = "".join(el.itertext()).strip()
        if len(text) <= 80 and _TITLE.search(text) and not _NOT_TITLE.search(text):
            return el
    return None


def _contains(ancestor, el) -> bool:
    return any(a is ancestor for a in el.iterancestors()) or el is ancestor


def _common_ancestor(a, b):
    mine = {id(x) for x in (a, *a.iterancestors())}
    return next(x for x in (b, *b.iterancestors()) if id(x) in mine)
