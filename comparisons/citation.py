"""“Cite this”: what an embed's attribution menu offers to copy, as plain text and as BibTeX.

Pure functions of what the embed already knows (its title, the site's name, the address it
links to, the version shown and that version's date), so a citation says exactly what the
reader saw: the live table's current version, or a pinned embed's own.
"""

import datetime
from dataclasses import dataclass

from django.utils.text import slugify

# LaTeX's special characters inside a braced BibTeX value, each replaced in one pass so that
# the backslashes this adds are not escaped again.
_LATEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)
# A URL field is read verbatim (biblatex, hyperref's \url): only its braces and backslashes
# would break the value, and a URL may carry them percent-encoded just as well.
_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Citation:
    plain: str
    bibtex: str
    version: int | None = None
    date: datetime.date | None = None


def bibtex_escape(text):
    """`text` safe inside a braced BibTeX value: LaTeX's special characters escaped, and no
    line breaks (a value spans one line here)."""
    return " ".join(str(text).split()).translate(_LATEX)


def bibtex_key(site_name, title, version=None, date=None):
    """A key that stays the same for the same table at the same version (ASCII letters,
    digits and hyphens, which every BibTeX tool accepts)."""
    parts = [slugify(site_name) or "site", slugify(title) or "table"]
    if version:
        parts.append(f"v{version}")
    elif date:
        parts.append(date.strftime("%Y%m%d"))
    return "-".join(parts)


def human_date(date):
    return f"{date.day} {date:%B %Y}"


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def cite(title, site_name, url, version=None, date=None):
    """The citation of `title` on `site_name` at `url` (absolute), `version` (a number, or None
    when the table has none) of `date` (a date or datetime, or None)."""
    date = _as_date(date)
    details = [f"version {version}" if version else "", human_date(date) if date else ""]
    when = ", ".join(d for d in details if d)
    plain = f"“{title}”. {site_name}" + (f", {when}" if when else "") + f". {url}"

    fields = [("title", bibtex_escape(title)), ("howpublished", bibtex_escape(site_name))]
    if version:
        fields.append(("version", str(version)))
    if date:
        fields += [("date", date.isoformat()), ("year", str(date.year))]
    fields.append(("url", str(url).translate(_URL)))
    lines = [f"  {name} = {{{value}}}," for name, value in fields]
    if date:
        # A month macro, unbraced, is how BibTeX styles expect it.
        lines.insert(-1, f"  month = {_MONTHS[date.month - 1]},")
    key = bibtex_key(site_name, title, version, date)
    bibtex = "\n".join([f"@misc{{{key},", *lines, "}"])
    return Citation(plain=plain, bibtex=bibtex, version=version or None, date=date)
