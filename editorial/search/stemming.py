"""The Porter stemmer (M. F. Porter, 1980, as in his own C release), for highlighting.

The databases stem what they index and match (SQLite's FTS5 with this very algorithm,
PostgreSQL with Snowball's English, its close successor); the site needs the same answer in
Python to mark the words of an excerpt that a query matched: "nearshore" and "nearshoring"
both stem to "nearshor". Only plain lowercase ASCII words of three letters or more are stemmed;
others are returned as they are.
"""

import re
from functools import lru_cache

_ASCII_WORD = re.compile(r"[a-z]{3,}")

_STEP2 = sorted(
    {
        "ational": "ate",
        "tional": "tion",
        "enci": "ence",
        "anci": "ance",
        "izer": "ize",
        "bli": "ble",
        "alli": "al",
        "entli": "ent",
        "eli": "e",
        "ousli": "ous",
        "ization": "ize",
        "ation": "ate",
        "ator": "ate",
        "alism": "al",
        "iveness": "ive",
        "fulness": "ful",
        "ousness": "ous",
        "aliti": "al",
        "iviti": "ive",
        "biliti": "ble",
        "logi": "log",
    }.items(),
    key=lambda item: -len(item[0]),
)
_STEP3 = sorted(
    {
        "icate": "ic",
        "ative": "",
        "alize": "al",
        "iciti": "ic",
        "ical": "ic",
        "ful": "",
        "ness": "",
    }.items(),
    key=lambda item: -len(item[0]),
)
_STEP4 = sorted(
    re.findall(
        r"\w+", "al ance ence er ic able ible ant ement ment ent ion ou ism ate iti ous ive ize"
    ),
    key=len,
    reverse=True,
)


def _consonant(word, i):
    if word[i] in "aeiou":
        return False
    if word[i] == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem):
    """m in [C](VC)^m[V]: how many vowel-consonant sequences the stem has."""
    length, i, m = len(stem), 0, 0
    while i < length and _consonant(stem, i):
        i += 1
    while i < length:
        while i < length and not _consonant(stem, i):
            i += 1
        if i >= length:
            break
        while i < length and _consonant(stem, i):
            i += 1
        m += 1
    return m


def _has_vowel(stem):
    return any(not _consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word):
    return len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1)


def _cvc(word):
    """Consonant, vowel, consonant at the end, the last not w, x or y ("hop", not "snow")."""
    n = len(word)
    return (
        n >= 3
        and _consonant(word, n - 3)
        and not _consonant(word, n - 2)
        and _consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


def _step1(word):
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _replace(word, rules, minimum):
    """The longest matching suffix alone is tried: replaced if the stem's measure allows."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if _measure(stem) > minimum else word
    return word


def _step4(word):
    for suffix in _STEP4:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return word
            return stem if _measure(stem) > 1 else word
    return word


def _step5(word):
    if word.endswith("e"):
        m = _measure(word[:-1])
        if m > 1 or (m == 1 and not _cvc(word[:-1])):
            word = word[:-1]
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def stem(word):
    """The Porter stem of a lowercase word: "outsourcing" -> "outsourc"."""
    if not _ASCII_WORD.fullmatch(word):
        return word
    word = _step1(word)
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    return _step5(_step4(word))
