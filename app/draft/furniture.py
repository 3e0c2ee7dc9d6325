"""What a web page or its printout shows around a published report: print/close links, font-size switches,
发布时间/来源/浏览次数 lines, breadcrumbs, related links."""
import re

FURNITURE_WORDS = (r"打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|返回|分享|字体[:：]?\s*大\s*中\s*小|"
                   r"字号[:：]?\s*大\s*中\s*小|大\s*中\s*小|默认|[上下]一篇")
FURNITURE = re.compile(rf"^(?:[【\[]?\s*(?:{FURNITURE_WORDS})\s*[】\]]?[\s|｜]*)+$")
FURNITURE_LINE = re.compile(r"^(?:发布时间|发布日期|信息来源|来源|浏览次数|访问次数|点击数|阅读次数|责任编辑|分享到|"
                            r"扫一扫|当前位置|您的位置|您现在的位置|相关链接|相关文章|相关阅读|相关文件)[:：]?")


def is_page_furniture(text: str) -> bool:
    """A short line of the site's tools or article metadata, not of the report."""
    text = text.strip()
    return len(text) <= 80 and (FURNITURE.match(text) is not None or FURNITURE_LINE.match(text) is not None)


_METADATA = re.compile(r"索引号")
_METADATA_FIELDS = re.compile(r"发布机构|发文机关|发文日期|成文日期|主题分类|公开方式|生成日期|公开时限|文号")


def is_metadata(text: str) -> bool:
    """The 索引号/发布机构/发文日期 table a 政府信息公开 platform shows above a document."""
    return _METADATA.search(text) is not None and _METADATA_FIELDS.search(text) is not None
