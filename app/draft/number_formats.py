"""Every list number format of ECMA-376 Part 1 §17.18.59 (ST_NumberFormat): n → the text Word, WPS or LibreOffice show.

`render(fmt, n)` gives the text, or None for a format this module does not know (a future or misspelt value):
the reader then keeps the paragraph's words and marks it as numbered without a number.
"""
from __future__ import annotations

from collections.abc import Callable

_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_JAPANESE_LEGAL = "〇壱弐参四伍六七八九"
_KOREAN_DIGITS = "영일이삼사오육칠팔구"
_KOREAN_NATIVE = ("하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_AIUEO = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽ"
_GANADA = "가나다라마바사아자차카타파하"
_CHOSUNG = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def chinese_counting(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百",
                     thousand: str = "千", zero: str = "零") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十 (chineseCounting)."""
    if not 0 < n < 10000:
        return str(n)
    units = ((1000, thousand), (100, hundred), (10, ten), (1, ""))
    out, pending_zero = "", False
    for value, unit in units:
        d = n // value % 10
        if d == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out += zero
            pending_zero = False
        out += ("" if value == 10 and d == 1 and not out else digits[d]) + unit
    return out


def _legal(digits: str, ten: str, hundred: str, thousand: str) -> Callable[[int], str]:
    def render(n: int) -> str:
        if not 0 < n < 10000:
            return str(n)
        out = chinese_counting(n, digits, ten, hundred, thousand, digits[0])
        return digits[1] + out if 10 <= n < 20 else out  # 拾 alone reads as 壹拾 in legal numbers
    return render


def _digit_by_digit(digits: str) -> Callable[[int], str]:
    return lambda n: "".join(digits[int(d)] for d in str(n)) if n >= 0 else str(n)


def _cycle(symbols: str | tuple[str, ...]) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _repeat_letters(alphabet: str) -> Callable[[int], str]:
    """a…z, then aa…zz, as Word letters its lists."""
    return lambda n: alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # roman numerals stop at 3999; Word prints larger numbers as digits
        return str(n)
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _enclosed(first: int, last_n: int) -> Callable[[int], str]:
    """A Unicode run of enclosed numbers 1…last_n starting at code point `first`; digits beyond it."""
    return lambda n: chr(first + n - 1) if 1 <= n <= last_n else str(n)


def _circled(n: int) -> str:
    """① … ⑳, ㉑ … ㉟, ㊱ … ㊿."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _cardinal(n: int) -> str:
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        words.append(_ONES[rest] if rest < 20 else _TENS[rest // 10] + ("-" + _ONES[rest % 10] if rest % 10 else ""))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ordinal_text(n: int) -> str:
    text = _cardinal(n).lower()
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                 "nine": "ninth", "twelve": "twelfth"}
    head, _, last = text.rpartition(" ") if " " in text else ("", "", text)
    stem, dash, unit = last.rpartition("-")
    unit = irregular.get(unit, unit[:-1] + "ieth" if unit.endswith("y") else unit + "th")
    out = (head + " " if head else "") + stem + dash + unit
    return out[0].upper() + out[1:]


def _zodiac_traditional(n: int) -> str:
    """甲子, 乙丑, … the sixty-year cycle."""
    return _HEAVENLY_STEMS[(n - 1) % 10] + _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)


def _full_width(n: int) -> str:
    return "".join(chr(ord(d) + 0xFEE0) for d in str(n))


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalHalfWidth": str,
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴
    "numberInDash": lambda n: f"- {n} -",
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _repeat_letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": _repeat_letters("abcdefghijklmnopqrstuvwxyz"),
    "ordinal": _ordinal,
    "cardinalText": _cardinal,
    "ordinalText": _ordinal_text,
    "hex": lambda n: f"{n:X}",
    "chicago": _cycle(("*", "†", "‡", "§")),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": _legal(_LEGAL_SIMPLIFIED, "拾", "佰", "仟"),
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "taiwaneseDigital": _digit_by_digit(_CN_DIGITS),
    "ideographDigital": _digit_by_digit(_CN_DIGITS),
    "ideographLegalTraditional": _legal(_LEGAL_TRADITIONAL, "拾", "佰", "仟"),
    "ideographTraditional": _cycle(_HEAVENLY_STEMS),
    "ideographZodiac": _cycle(_EARTHLY_BRANCHES),
    "ideographZodiacTraditional": _zodiac_traditional,
    "ideographEnclosedCircle": _enclosed(0x3220, 10),  # ㈠
    "japaneseCounting": chinese_counting,
    "japaneseDigitalTenThousand": _digit_by_digit(_CN_DIGITS),
    "japaneseLegal": _legal(_JAPANESE_LEGAL, "拾", "百", "千"),
    "aiueo": _cycle(_AIUEO),
    "aiueoFullWidth": _cycle("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"),
    "iroha": _cycle(_IROHA),
    "irohaFullWidth": _cycle("イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"),
    "koreanCounting": lambda n: chinese_counting(n, _KOREAN_DIGITS, "십", "백", "천", "영"),
    "koreanDigital": _digit_by_digit(_KOREAN_DIGITS),
    "koreanDigital2": _digit_by_digit(_CN_DIGITS),
    "koreanLegal": _cycle(_KOREAN_NATIVE),
    "ganada": _cycle(_GANADA),
    "chosung": _cycle(_CHOSUNG),
    "russianLower": _repeat_letters(_RUSSIAN),
    "russianUpper": _repeat_letters(_RUSSIAN.upper()),
    "vietnameseCounting": str,
    "hebrew1": str, "hebrew2": str, "arabicAlpha": str, "arabicAbjad": str, "hindiVowels": str,
    "hindiConsonants": str, "hindiNumbers": str, "hindiCounting": str, "thaiLetters": str, "thaiNumbers": str,
    "thaiCounting": str, "bahtText": str, "dollarText": str,
    "bullet": lambda n: "",
    "none": lambda n: "",
}
# Scripts no report is written in render as digits: what matters there is that the paragraph is numbered.
KNOWN_FORMATS = frozenset(_FORMATS)


def render(fmt: str, n: int) -> str | None:
    """The text of number n in list format fmt, or None when fmt is not a format this module knows."""
    formatter = _FORMATS.get(fmt)
    return None if formatter is None else formatter(n)
