"""The "Which fits me?" guide: one question per filterable dimension, then the matches.

The guide's state is the table's own filter state plus `step`, all in the query string
(`?location=abroad&performer=third-party&step=3`), so its answers are links into the table.
Matching, facet counts and suggestions come from `build_table`; this module only arranges them
as questions and explains each result from the strategy's own cells.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from .filters import FilterState
from .guide_text import first_sentence, join_snippets
from .parameters import SHOW, STEP
from .table import build_table

NUMBER_WORDS = dict(
    enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
)


def question_lead(dimension):
    """The question editors wrote for the row, or its name."""
    return dimension.question or dimension.name


def parse_step(value, last):
    """The step to show, 1..last: a number past either end is clamped; anything missing or
    malformed starts at 1, more than four digits included (no guide has that many steps, and
    int() of a long string is work for nothing)."""
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
        pairs = FilterState(selected=selected).params() + [(STEP, str(step))]
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
    query.pop(SHOW, None)  # the guide always reads every row for its reasons
    table = build_table(comparison, query)
    questions = _questions(table)
    guide = Guide(
        comparison=comparison,
        table=table,
        questions=questions,
        step=parse_step(querydict.get(STEP), len(questions) + 1),
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
