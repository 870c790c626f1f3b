"""The "Which fits me?" guide: one question per filterable dimension, then the matches.

The guide's state is the table's own filter state plus `step`, all in the query string
(`?location=abroad&performer=third-party&step=3`), so its answers are links into the table.
Matching, facet counts and suggestions come from `build_table`; this module only arranges them
as questions and explains each result from the strategy's own cells.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlencode

from django.utils.html import strip_tags

from .filters import FilterState
from .table import build_table

# Friendly lead-ins for the starter dimensions; any other dimension asks with its own name.
QUESTION_LEADS = {
    "location": "Where should the work be done?",
    "performer": "Who should do the work?",
    "goal": "What is your main goal?",
}

NUMBER_WORDS = dict(
    enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
)

STEP_PARAMETER = "step"
REASON_SNIPPET_LENGTH = 120  # characters per answered dimension, "…" included
REASON_LENGTH = 240  # a result's whole reason: later snippets that would not fit are left out
SHORT_SENTENCE = 20  # a first sentence shorter than this ("Either.") takes the next one too

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|dd|dt)>|<br\s*/?>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘(])")


def plain_lines(html):
    """The text of rendered Markdown, one line per paragraph or list item, without markup."""
    text = unescape(strip_tags(_BLOCK_END.sub("\n", html or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def trim(text, max_length):
    """`text` cut at a word boundary to at most `max_length` characters, "…" marking a cut."""
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-—") + "…"


def first_sentence(html, max_length=REASON_SNIPPET_LENGTH):
    """The first sentence of a cell's rendered text as plain text, trimmed; "" if empty."""
    lines = plain_lines(html)
    if not lines:
        return ""
    sentences = _SENTENCE_END.split(lines[0])
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) >= SHORT_SENTENCE:
            break
        text += " " + sentence
    return trim(text, max_length)


def join_snippets(snippets, max_length=REASON_LENGTH):
    """One reason from several snippets, in order, leaving out those that would overflow."""
    text = ""
    for snippet in snippets:
        candidate = f"{text} {snippet}" if text else snippet
        if len(candidate) <= max_length:
            text = candidate
        elif not text:
            text = trim(snippet, max_length)
    return text


def question_lead(dimension):
    return QUESTION_LEADS.get(dimension.slug, dimension.name)


def parse_step(value, last):
    """The step to show: 1..last; anything missing, malformed or out of range is clamped."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 4:
        return 1
    return min(max(int(value), 1), last)


@dataclass
class Choice:
    value: str  # option slug, "" for "No preference"
    label: str
    checked: bool


@dataclass
class Question:
    number: int
    dimension: object
    lead: str
    choices: list[Choice]

    @property
    def slug(self):
        return self.dimension.slug


@dataclass
class Answer:
    question: Question
    options: list  # the chosen Option objects, empty for "No preference"
    change_url: str


@dataclass
class Result:
    strategy: object
    options: list  # the chosen options this strategy satisfies, in question order
    reason: str
    table_url: str


@dataclass
class Alternative:
    label: str
    url: str
    count: int


@dataclass
class Fix:
    """For an empty result: another answer to one question that would give matches."""

    answer: Answer
    alternatives: list[Alternative]


@dataclass
class Guide:
    comparison: object
    table: object
    questions: list[Question]
    step: int
    guide_url: str
    table_path: str
    answers: list[Answer] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self):
        return len(self.questions)

    @property
    def total_in_words(self):
        """The number of questions as a word, for "Answer three questions"."""
        return NUMBER_WORDS.get(self.total, str(self.total))

    @property
    def results_step(self):
        return self.total + 1

    @property
    def is_results(self):
        return self.step == self.results_step

    @property
    def question(self):
        return None if self.is_results else self.questions[self.step - 1]

    @property
    def next_step(self):
        return self.step + 1

    @property
    def selected(self):
        return self.table.state.selected

    @property
    def status(self):
        """What the live region announces."""
        if not self.is_results:
            return f"Question {self.step} of {self.total}"
        count = len(self.results)
        if not count:
            return "Results: no strategy fits all your answers"
        return f"Results: {count} strateg{'y fits' if count == 1 else 'ies fit'}"

    @property
    def back_url(self):
        return self.url(step=self.step - 1) if self.step > 1 else None

    @property
    def start_url(self):
        return self.guide_url

    @property
    def table_url(self):
        """The comparison table filtered by the answers: the guide's state minus `step`."""
        return self.table_path + FilterState(selected=self.selected).query_string()

    def url(self, step, selected=None):
        selected = self.selected if selected is None else selected
        pairs = FilterState(selected=selected).params() + [(STEP_PARAMETER, str(step))]
        return f"{self.guide_url}?{urlencode(pairs)}"

    def hidden_before(self):
        """(name, value) of the answers to earlier questions, carried by the current form."""
        return self._hidden(lambda number: number < self.step)

    def hidden_after(self):
        return self._hidden(lambda number: number > self.step)

    def _hidden(self, keep):
        numbers = {q.slug: q.number for q in self.questions}
        return [
            (slug, value)
            for slug, values in self.selected.items()
            if keep(numbers.get(slug, 0))
            for value in values
        ]


def _questions(table):
    questions = []
    for number, facet in enumerate(table.facets, start=1):
        chosen = [f.option.slug for f in facet.options if f.selected]
        # Radio buttons hold one answer; an address with several keeps them all (hidden)
        # until this question is answered again.
        first = chosen[0] if chosen else ""
        choices = [
            Choice(f.option.slug, f.option.label, f.option.slug == first) for f in facet.options
        ]
        choices.append(Choice("", "No preference", not first))
        questions.append(Question(number, facet.dimension, question_lead(facet.dimension), choices))
    return questions


def _answers(guide):
    answers = []
    for question, facet in zip(guide.questions, guide.table.facets, strict=True):
        answers.append(Answer(question, facet.selected_options, guide.url(step=question.number)))
    return answers


def _results(guide):
    table = guide.table
    rows = {row.dimension.slug: row.cells for row in table.rows}
    answered = [a for a in guide.answers if a.options]
    results = []
    for index, strategy in enumerate(table.matching):
        options, snippets = [], []
        for answer in answered:
            cell = rows[answer.question.slug][index]
            if cell is None:
                continue
            chosen = {o.slug for o in answer.options}
            options += [o for o in cell.option_list if o.slug in chosen]
            snippet = first_sentence(cell.text_html)
            if snippet:
                snippets.append(snippet)
        if not snippets:
            snippets = [strategy.summary] if strategy.summary else _first_written(rows, index)
        url = f"{guide.table_url}#col-{strategy.slug}"
        results.append(Result(strategy, options, join_snippets(snippets), url))
    return results


def _first_written(rows, index):
    for cells in rows.values():
        cell = cells[index]
        snippet = first_sentence(cell.text_html) if cell is not None else ""
        if snippet:
            return [snippet]
    return []


def _fixes(guide):
    """For each answered question: the other answers (and "No preference") that give matches."""
    dropping = {s.label: s.count for s in guide.table.suggestions}
    fixes = []
    for answer, facet in zip(guide.answers, guide.table.facets, strict=True):
        if not answer.options:
            continue
        slug = answer.question.slug
        alternatives = []
        for item in facet.options:
            if item.selected or not item.count:
                continue
            selected = {**guide.selected, slug: [item.option.slug]}
            url = guide.url(step=guide.results_step, selected=selected)
            alternatives.append(Alternative(item.option.label, url, item.count))
        count = dropping.get(facet.dimension.name, 0)
        if count:
            selected = {k: v for k, v in guide.selected.items() if k != slug}
            url = guide.url(step=guide.results_step, selected=selected)
            alternatives.append(Alternative("No preference", url, count))
        if alternatives:
            fixes.append(Fix(answer, alternatives))
    return fixes


def build_guide(comparison, querydict, guide_url, table_path):
    """The guide for `comparison` at the state in `querydict` (four queries, like the table)."""
    query = querydict.copy()
    query.pop("show", None)  # the guide always reads every row for its reasons
    table = build_table(comparison, query)
    questions = _questions(table)
    guide = Guide(
        comparison=comparison,
        table=table,
        questions=questions,
        step=parse_step(querydict.get(STEP_PARAMETER), len(questions) + 1),
        guide_url=guide_url,
        table_path=table_path,
        unknown=table.unknown,
    )
    guide.answers = _answers(guide)
    if guide.is_results:
        guide.results = _results(guide)
        if not guide.results:
            guide.fixes = _fixes(guide)
    return guide
