"""A readable before/after of a text: the words that went and came, in place.

Words are compared, not characters or spacing (a change of spacing is no change to a reader).
"""

import difflib


def word_diff(before, after):
    """[(op, text)]: op is "same", "removed" or "added"; text is plain words (escape them to
    show), and a space goes between parts."""
    old, new = (before or "").split(), (after or "").split()
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(("removed", old[i1:i2]))
        if j2 > j1:
            parts.append(("added", new[j1:j2]))
    return [(op, " ".join(words)) for op, words in parts]
