"""The "Which fits me?" guide: one question per filterable dimension, then the matches."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.guide import parse_step
from comparisons.models import Cell, Comparison, Dimension
from tests.admin_forms import submitted
from tests.comparisons.guide_html import heading, hidden, legend, matches, radios
from tests.comparisons.membership import MEMBERSHIP, OPTIONS, ORDER
from tests.comparisons.tables import column_headings

pytestmark = pytest.mark.django_db

GUIDE = "/compare/outsourcing-vs-offshoring/guide/"
TABLE = "/compare/outsourcing-vs-offshoring/"


def expected_matches(answers):
    return [
        slug
        for slug in ORDER
        if all(value in MEMBERSHIP[slug][dim] for dim, value in answers.items() if value)
    ]


def get(client, query="", **headers):
    response = client.get(GUIDE + query, **headers)
    assert response.status_code == 200
    return response.content.decode()


# Steps ---------------------------------------------------------------------------------------


def test_first_step_asks_where_with_radios_and_no_preference(client, starter):
    html = get(client)
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<h1>Which fits me?</h1>" in html
    assert re.search(
        r"<title>Which fits me\? Outsourcing vs\. offshoring · Sourcing Explained", html
    )
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert heading(html) == "Where should the work be done?"
    assert legend(html) == "Where the work is done"
    assert radios(html) == [
        ("location", "home-country", False),
        ("location", "abroad", False),
        ("location", "", True),
    ]
    assert '<label for="guide-location-3">No preference</label>' in html
    assert hidden(html) == [("step", "2")]
    assert f'<form class="guide-step" method="get" action="{GUIDE}" hx-get="{GUIDE}"' in html
    assert '<button type="submit">Next</button>' in html
    assert f'<a class="guide-back" href="{TABLE}">Back to the table</a>' in html
    assert 'role="status" aria-live="polite">Question 1 of 3</p>' in html
    # A full page load does not steal focus: only htmx swaps autofocus the heading.
    assert "autofocus" not in html
    assert 'aria-current="page"' in html  # nav="compare"


def test_questions_are_what_editors_wrote_on_the_dimension(staff_client, client, starter):
    dimension = Dimension.objects.get(slug="location")
    assert dimension.question == "Where should the work be done?"  # the starter's
    page = staff_client.get(reverse("admin:comparisons_dimension_change", args=[dimension.pk]))
    data = submitted(page)
    data["question"] = "In which country should the work happen?"
    response = staff_client.post(page.request["PATH_INFO"], data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert heading(get(client)) == "In which country should the work happen?"
    dimension.refresh_from_db()
    dimension.question = ""
    dimension.save()
    assert heading(get(client)) == "Where the work is done"  # no question: the row's name


def test_second_step_asks_who_and_carries_the_first_answer(client, starter):
    html = get(client, "?location=abroad&step=2")
    assert heading(html) == "Who should do the work?"
    assert legend(html) == "Who performs the work"
    assert [value for _, value, _ in radios(html)] == ["third-party", "own-staff", ""]
    assert hidden(html) == [("location", "abroad"), ("step", "3")]
    assert "Question 2 of 3</p>" in html
    back = f"{GUIDE}?location=abroad&amp;step=1"
    assert f'<a class="guide-back" href="{back}" hx-get="{back}">Back</a>' in html


def test_third_step_asks_why_and_carries_both_answers(client, starter):
    html = get(client, "?location=abroad&performer=third-party&step=3")
    assert heading(html) == "What is your main goal?"
    assert legend(html) == "Goal"
    assert [value for _, value, _ in radios(html)] == OPTIONS["goal"] + [""]
    assert hidden(html) == [("location", "abroad"), ("performer", "third-party"), ("step", "4")]
    assert "Question 3 of 3</p>" in html


def test_going_back_shows_the_earlier_answer_chosen_and_keeps_the_later_ones(client, starter):
    html = get(client, "?location=abroad&performer=own-staff&goal=cut-costs&step=2")
    assert heading(html) == "Who should do the work?"
    assert radios(html) == [
        ("performer", "third-party", False),
        ("performer", "own-staff", True),
        ("performer", "", False),
    ]
    # Earlier answers before the question, later ones after: the address keeps table order.
    assert hidden(html) == [("location", "abroad"), ("goal", "cut-costs"), ("step", "3")]


def test_several_values_for_one_question_are_all_kept(client, starter):
    html = get(client, "?goal=cut-costs&goal=access-skills&step=1")
    assert hidden(html) == [("goal", "cut-costs"), ("goal", "access-skills"), ("step", "2")]
    html = get(client, "?goal=cut-costs&goal=access-skills&step=3")
    assert [v for _, v, checked in radios(html) if checked] == ["cut-costs"]


@pytest.mark.parametrize("step", ["", "0", "-1", "x", "1.5", "99999999999", "%00"])
def test_missing_or_malformed_step_starts_at_a_valid_step(client, starter, step):
    html = get(client, f"?location=abroad&step={step}")
    # The first question, with the answer the address carries still chosen.
    assert heading(html) == "Where should the work be done?"
    assert ("location", "abroad", True) in radios(html)
    assert hidden(html) == [("step", "2")]


def test_steps_past_the_end_show_the_results(client, starter):
    html = get(client, "?location=abroad&step=99")
    assert matches(html) == ["outsourcing", "offshoring", "offshore-outsourcing"]


def test_parse_step():
    assert parse_step(None, 4) == 1
    assert parse_step("3", 4) == 3
    assert parse_step(" 2 ", 4) == 2
    assert parse_step("0", 4) == 1
    assert parse_step("12", 4) == 4
    assert parse_step("-2", 4) == 1
    assert parse_step("٣", 4) == 1  # only ASCII digits


# Results -------------------------------------------------------------------------------------


def test_results_match_the_contracts_membership_table_for_every_answer(client, starter):
    combinations = itertools.product(
        OPTIONS["location"] + [""], OPTIONS["performer"] + [""], OPTIONS["goal"] + [""]
    )
    for location, performer, goal in combinations:
        answers = {"location": location, "performer": performer, "goal": goal}
        query = "?" + "&".join(f"{k}={v}" for k, v in answers.items()) + "&step=4"
        html = get(client, query)
        expected = expected_matches(answers)
        assert matches(html) == expected, query
        if expected:
            count = len(expected)
            noun = "strategy fits" if count == 1 else "strategies fit"
            assert heading(html) == f"{count} {noun} your answers", query
        else:
            assert heading(html) == "No strategy fits all your answers", query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "location=abroad&performer=third-party&goal=cut-costs",
            ["outsourcing", "offshore-outsourcing"],
        ),
        ("location=abroad&performer=own-staff", ["offshoring"]),
        ("location=home-country", ["outsourcing"]),
        ("goal=enter-new-markets", ["offshoring"]),
        ("goal=focus-on-core&location=abroad", ["outsourcing", "offshore-outsourcing"]),
        ("", ["outsourcing", "offshoring", "offshore-outsourcing"]),
    ],
)
def test_results_for_some_answers(client, starter, query, expected):
    assert matches(get(client, f"?{query}&step=4")) == expected


def test_results_link_to_the_table_filtered_by_the_answers(client, starter):
    html = get(client, "?location=abroad&performer=third-party&goal=cut-costs&step=4")
    filtered = f"{TABLE}?location=abroad&amp;performer=third-party&amp;goal=cut-costs"
    assert (
        f'<a class="button" id="guide-table-link" href="{filtered}">See these in the table</a>'
        in html
    )
    assert f'<a href="{filtered}#col-outsourcing">Outsourcing in the table</a>' in html
    assert (
        f'<a href="{filtered}#col-offshore-outsourcing">Offshore outsourcing in the table</a>'
        in html
    )
    # The table link never carries the guide's own step.
    assert "step" not in re.search(r'id="guide-table-link" href="([^"]+)"', html).group(1)
    assert "Results: 2 strategies fit</p>" in html


def test_table_link_follows_the_answers_and_leaves_out_no_preference(client, starter):
    html = get(client, "?location=&performer=own-staff&goal=&step=4")
    assert f'id="guide-table-link" href="{TABLE}?performer=own-staff"' in html
    html = get(client, "?step=4")
    assert f'id="guide-table-link" href="{TABLE}"' in html


def test_the_filtered_table_shows_the_same_strategies(client, starter):
    html = get(client, "?location=abroad&goal=enter-new-markets&step=4")
    url = re.search(r'id="guide-table-link" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert column_headings(client.get(url).content.decode()) == matches(html)


def test_reasons_come_from_the_cells_of_the_answered_questions(client, starter):
    html = get(client, "?location=abroad&performer=own-staff&step=4")
    reason = re.search(r'<p class="guide-reason">([^<]+)</p>', html).group(1)
    # "Always abroad." is short, so the next sentence joins it; then the performer cell.
    assert reason == (
        "Always abroad. By definition, the work leaves the home country. The company&#x27;s own "
        "employees, usually in its own centre abroad, often called a captive centre."
    )
    tags = re.search(r'<ul class="tags" aria-label="Fits your answers">(.*?)</ul>', html).group(1)
    assert tags == "<li>Abroad</li><li>The company&#x27;s own staff</li>"


def test_reason_follows_an_edited_cell_as_plain_text(client, starter):
    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="goal")
    cell.text = "**Cheaper** labour <script>x</script> abroad. More text follows here."
    cell.save()
    html = get(client, "?goal=ease-regulation&step=4")
    assert matches(html) == ["offshoring"]
    # Markup gone, first sentence only.
    assert '<p class="guide-reason">Cheaper labour abroad.</p>' in html


def test_without_answers_the_reason_is_the_strategy_summary(client, starter):
    html = get(client, "?step=4")
    assert "Moving a process, a function or a whole office to another country" in html


def test_no_match_says_which_answer_to_change(client, starter):
    html = get(client, "?location=home-country&performer=own-staff&goal=cut-costs&step=4")
    assert matches(html) == []
    assert heading(html) == "No strategy fits all your answers"
    assert "Change one answer to see results:" in html
    fixes = re.search(r'<ul class="guide-fixes">(.*?)</ul>', html, re.DOTALL).group(1)
    links = re.findall(r'<a href="([^"]+)" hx-get="\1">([^<]+)</a> \((\d+) match', fixes)
    base = f"{GUIDE}?"
    assert [(href.replace("&amp;", "&"), label, int(n)) for href, label, n in links] == [
        (base + "location=abroad&performer=own-staff&goal=cut-costs&step=4", "Abroad", 1),
        (base + "performer=own-staff&goal=cut-costs&step=4", "No preference", 1),
        (
            base + "location=home-country&performer=third-party&goal=cut-costs&step=4",
            "A third-party provider",
            1,
        ),
        (base + "location=home-country&goal=cut-costs&step=4", "No preference", 1),
    ]
    assert "Where the work is done: instead of “Home country”" in fixes
    # Changing the goal alone cannot help, so it is not offered.
    assert "Goal: instead of" not in fixes
    assert 'id="guide-table-link"' not in html
    # Each answer can also be changed on its own question.
    assert (
        f'href="{GUIDE}?location=home-country&amp;performer=own-staff&amp;goal=cut-costs&amp;step=2"'
        in html
    )


def test_every_suggested_fix_leads_to_matches(client, starter):
    html = get(client, "?location=home-country&performer=own-staff&step=4")
    fixes = re.search(r'<ul class="guide-fixes">(.*?)</ul>', html, re.DOTALL).group(1)
    for href in re.findall(r'<a href="([^"]+)"', fixes):
        assert matches(client.get(href.replace("&amp;", "&")).content.decode()), href


def test_results_list_the_answers_with_links_to_change_them(client, starter):
    html = get(client, "?location=abroad&goal=cut-costs&step=4")
    answers = re.search(r'<dl class="guide-answers">(.*?)</dl>', html, re.DOTALL).group(1)
    assert re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+) <a", answers) == [
        ("Where the work is done", "Abroad"),
        ("Who performs the work", "No preference"),
        ("Goal", "Cut costs"),
    ]
    back = f"{GUIDE}?location=abroad&amp;goal=cut-costs&amp;step=3"
    assert f'<a class="guide-back" href="{back}" hx-get="{back}">Back</a>' in html
    assert f'<a href="{GUIDE}" hx-get="{GUIDE}">Start again</a>' in html


# Unknown values, htmx, errors ----------------------------------------------------------------


def test_unknown_values_are_ignored_with_a_visible_notice(client, starter):
    html = get(client, "?location=mars&location=abroad&tracking=1&show=risks&step=4")
    assert "were not recognised and were ignored" in html
    assert "<code>location=mars</code>" in html
    assert "tracking" not in html
    assert matches(html) == ["outsourcing", "offshoring", "offshore-outsourcing"]
    # The unknown value is not carried on to the next step or into the table link.
    html = get(client, "?location=mars&step=1")
    assert "<code>location=mars</code>" in html
    assert hidden(html) == [("step", "2")]


def test_hostile_values_are_escaped(client, starter):
    html = get(client, '?goal=<script>alert("x")</script>&step=<b>&location="><x')
    assert '<script>alert("x")' not in html and '"><x' not in html
    assert "&lt;script&gt;" in html


def test_htmx_request_gets_only_the_guide_region(client, starter):
    response = client.get(GUIDE, {"location": "abroad", "step": "2"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith('<div id="guide" class="guide" hx-target="#guide"')
    assert 'hx-push-url="true"' in html
    assert '<h2 id="guide-heading" tabindex="-1" autofocus>Who should do the work?</h2>' in html
    assert '<p id="guide-status" hx-swap-oob="innerHTML">Question 2 of 3</p>' in html
    assert (
        "<title>Which fits me? Outsourcing vs. offshoring: question 2 of 3 · Sourcing Explained"
        "</title>"
    ) in html


def test_htmx_results_fragment_focuses_the_results_heading(client, starter):
    html = get(client, "?location=abroad&performer=own-staff&step=4", HTTP_HX_REQUEST="true")
    assert (
        '<h2 id="guide-heading" tabindex="-1" autofocus>1 strategy fits your answers</h2>' in html
    )
    assert '<p id="guide-status" hx-swap-oob="innerHTML">Results: 1 strategy fits</p>' in html


def test_history_restore_request_gets_the_full_page(client, starter):
    html = get(client, "?step=2", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in html and "<h1>Which fits me?</h1>" in html


def test_full_page_and_fragment_vary_on_hx_request(client, starter):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(GUIDE, **headers)
        assert "HX-Request" in response["Vary"]


def test_unknown_slug_is_404(client, starter):
    assert client.get("/compare/nope/guide/").status_code == 404


def test_draft_comparison_guide_is_for_staff_only(staff_client):
    Comparison.objects.create(title="Draft table", slug="draft-table")
    assert Client().get("/compare/draft-table/guide/").status_code == 404
    response = staff_client.get("/compare/draft-table/guide/")
    assert response.status_code == 200
    assert "only staff can see this comparison" in response.content.decode()


def test_post_is_refused(client, starter):
    assert client.post(GUIDE).status_code == 405


def test_comparison_page_links_to_the_guide(client, starter):
    html = client.get(TABLE).content.decode()
    assert f'<p class="guide-link"><a href="{GUIDE}">Not sure which fits?' in html
