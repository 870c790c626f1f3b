"""import_content reads its file as untrusted input: hostile or broken files change nothing.

Each file here is the starter content as export_content writes it, edited by hand. After every
refusal the database has no content and the site's main pages still answer.
"""

import copy
import io
import json
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from content.models import Article
from editorial import registry
from glossary.models import Term
from tests.editorial.exporting import export
from tests.starter_snapshot import load_starter

pytestmark = pytest.mark.django_db

PAGES = ["/", "/compare/", "/sitemap.xml", "/search/?q=a"]
SCRIPT = '<script>alert("imported")</script><img src=x onerror="alert(1)">'


STARTER_EXPORT = []  # the starter content's exported objects, exported once per run


@pytest.fixture
def exported(db, tmp_path):
    """The starter content's exported objects (a list, the test's own copy); the database holds
    no content. Exported once, in a transaction rolled back: loading, exporting and deleting
    the starter content again for each test was most of this module's time."""
    if not STARTER_EXPORT:
        with transaction.atomic():
            load_starter()
            data = json.loads(export(tmp_path).read_text(encoding="utf-8"))
            STARTER_EXPORT.extend(data["objects"])
            transaction.set_rollback(True)
    return copy.deepcopy(STARTER_EXPORT)


def envelope(objects):
    """A file around `objects` whose manifest counts them: the edit was made before export."""
    counts = Counter(
        o["model"] for o in objects if isinstance(o, dict) and isinstance(o.get("model"), str)
    )
    return {"manifest": {"counts": dict(counts)}, "objects": objects}


def write(tmp_path, data):
    """`data`: the text of a file, or a list of objects to wrap as export_content would."""
    path = tmp_path / "hostile.json"
    if isinstance(data, list):
        data = envelope(data)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def refused(tmp_path, client, data, match):
    """Import `data`, expect a CommandError matching `match`; nothing may be left behind."""
    with pytest.raises(CommandError, match=match) as error:
        call_command("import_content", write(tmp_path, data), stdout=io.StringIO())
    assert [m for m in registry.models() if m._base_manager.exists()] == []
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    return str(error.value)


def first(data, model, test=lambda fields: True):
    return next(o for o in data if o["model"] == model and test(o["fields"]))


def test_html_in_the_file_is_never_stored_but_rendered_from_markdown(exported, tmp_path, client):
    article = first(exported, "content.article")
    expected_html, expected_toc = article["fields"]["body_html"], article["fields"]["toc"]
    article["fields"]["body_html"] += SCRIPT
    article["fields"]["toc"] = [{"level": 2, "id": "x", "name": SCRIPT}]
    first(exported, "glossary.term")["fields"]["definition_html"] = SCRIPT
    first(exported, "comparisons.cell")["fields"]["text_html"] = SCRIPT
    first(exported, "comparisons.comparison")["fields"]["intro_html"] = SCRIPT

    call_command("import_content", write(tmp_path, exported), stdout=io.StringIO())

    saved = Article.objects.get(pk=article["pk"])
    assert (saved.body_html, saved.toc) == (expected_html, expected_toc)
    for model in registry.models():
        for field in getattr(model, "markdown_fields", []):
            assert not model._base_manager.filter(**{f"{field.html}__contains": "alert"}).exists()
    assert b"alert" not in client.get(saved.get_absolute_url()).content


@pytest.mark.parametrize("slug", ["with spaces", "café-crème", "<b>x</b>"])
@pytest.mark.parametrize(
    "model", ["content.article", "glossary.term", "comparisons.comparison", "comparisons.strategy"]
)
def test_a_slug_that_is_not_a_slug_is_refused_naming_the_object(
    exported, tmp_path, client, model, slug
):
    victim = first(exported, model)
    victim["fields"]["slug"] = slug
    message = refused(tmp_path, client, exported, "nothing was changed")
    assert re.search(
        rf"^  - {re.escape(model)} #{victim['pk']}: slug: Enter a valid", message, re.M
    )


def test_every_problem_is_reported_on_its_own_line(exported, tmp_path, client):
    articles = [o for o in exported if o["model"] == "content.article"][:2]
    for article in articles:
        article["fields"]["slug"] = "not a slug"
    message = refused(tmp_path, client, exported, "2 problems")
    lines = message.splitlines()
    assert len(lines) == 3
    assert [line.split(":")[0] for line in lines[1:]] == [
        f"  - content.article #{article['pk']}" for article in articles
    ]


def test_the_same_object_twice_is_refused(exported, tmp_path, client):
    article = first(exported, "content.article")
    copy = json.loads(json.dumps(article))
    copy["fields"]["slug"] = "another-slug"
    exported.append(copy)
    refused(
        tmp_path,
        client,
        exported,
        rf"content\.article #{article['pk']}: appears 2 times in the file",
    )


def test_validation_runs_as_in_the_admin(exported, tmp_path, client):
    # clean(): a term's name already used by another term would make links ambiguous.
    terms = [o for o in exported if o["model"] == "glossary.term"]
    terms[1]["fields"]["name"] = terms[0]["fields"]["name"]
    refused(tmp_path, client, exported, rf"glossary\.term #{terms[1]['pk']}: name: .* already used")


def test_a_slug_taken_twice_is_refused_naming_the_second_object(exported, tmp_path, client):
    articles = [o for o in exported if o["model"] == "content.article"]
    articles[1]["fields"]["slug"] = articles[0]["fields"]["slug"]
    refused(tmp_path, client, exported, rf"content\.article #{articles[1]['pk']}: slug: .*exists")


@pytest.mark.parametrize(
    "model, field, value",
    [
        ("comparisons.cell", "strategy", 999),
        ("comparisons.cell", "options", [999]),
        ("content.suggestedarticle", "suggested", 999),
    ],
)
def test_a_reference_to_an_object_not_in_the_file_is_refused(
    exported, tmp_path, client, model, field, value
):
    victim = first(exported, model)
    victim["fields"][field] = value
    pattern = rf"{re.escape(model)} #{victim['pk']}: {field} refers to \S+ #999, which is not in"
    refused(tmp_path, client, exported, pattern)


def test_an_option_of_another_dimension_is_refused_readably(exported, tmp_path, client):
    cell = first(exported, "comparisons.cell", lambda fields: fields["options"])
    stray = first(
        exported, "comparisons.option", lambda f: f["dimension"] != cell["fields"]["dimension"]
    )
    cell["fields"]["options"] = [stray["pk"]]
    pattern = rf"comparisons\.cell #{cell['pk']}: options: “.+” belong to another row than “"
    message = refused(tmp_path, client, exported, pattern)
    assert "Traceback" not in message


@pytest.mark.parametrize("cut", ["strategies", "second half"])
def test_a_file_missing_objects_that_others_refer_to_is_refused(exported, tmp_path, client, cut):
    if cut == "strategies":
        kept = [o for o in exported if o["model"] != "comparisons.strategy"]
    else:
        kept = exported[len(exported) // 2 :]
    refused(tmp_path, client, kept, r"#\d+: \w+ refers to [\w.]+ #\d+, which is not in the file")


def test_an_article_suggested_twice_by_the_same_article_is_refused(exported, tmp_path, client):
    suggestions = [o for o in exported if o["model"] == "content.suggestedarticle"]
    suggestions[1]["fields"]["suggested"] = suggestions[0]["fields"]["suggested"]
    pattern = rf"content\.suggestedarticle #{suggestions[1]['pk']}: .*already exists"
    refused(tmp_path, client, exported, pattern)


@pytest.mark.parametrize(
    "text, match",
    [
        ('[{"model": "content.article"', "The file is not JSON"),
        ('{"model": "content.article", "pk": 1, "fields": {}}', 'not an object without an "obj'),
        ('"content"', 'must hold a JSON object with "manifest" and "objects" (a list), as expor'),
        ("[1]", "Object 1 of the file is not a JSON object"),
        ('[{"model": "content.article", "pk": 1}]', "Object 1 of the file has no fields"),
        ('[{"pk": 1, "fields": {}}]', "Object 1 of the file has no model"),
        ('[{"model": "nope.nothing", "pk": 1, "fields": {}}]', 'unknown model "nope.nothing"'),
        ('[{"model": ["x"], "pk": 1, "fields": {}}]', "unknown model"),
        ('[{"model": "auth.user", "pk": 1, "fields": {}}]', "auth.user is not content"),
        ('[{"model": "content.article", "pk": null, "fields": {}}]', "pk is null"),
        ('[{"model": "content.article", "pk": 1, "fields": []}]', "fields must be a JSON object"),
        ('[{"model": "content.article", "pk": "x", "fields": {}}]', "content.article #x: "),
        (
            '[{"model": "comparisons.cell", "pk": 1, "fields": {"options": "12"}}]',
            "comparisons.cell #1: options must be a JSON list of ids",
        ),
        (
            '[{"model": "content.article", "pk": 1, "fields": {"id": 2, "evil": 1}}]',
            "content.article #1: no such field in an export: evil, id",
        ),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_clearly(db, tmp_path, client, text, match):
    try:
        objects = json.loads(text)
    except ValueError:
        objects = None
    # A list of objects is written as export_content would write it, manifest included.
    data = objects if isinstance(objects, list) else text
    message = refused(tmp_path, client, data, re.escape(match))
    assert "nothing was changed" in message


@pytest.mark.parametrize(
    "text, match",
    [
        ("[]", "not a list without a manifest"),
        ('{"objects": []}', 'manifest" must hold "counts"'),
        ('{"manifest": {"counts": {"content.article": -1}}, "objects": []}', "must hold"),
        ('{"manifest": {"counts": {"content.article": "3"}}, "objects": []}', "must hold"),
        ('{"manifest": {"counts": {"auth.user": 0}}, "objects": []}', '"auth.user", which is n'),
    ],
)
def test_a_file_without_a_sound_manifest_is_refused(db, tmp_path, client, text, match):
    refused(tmp_path, client, text, re.escape(match))


@pytest.mark.parametrize("part", ["first half", "second half", "one article less"])
def test_part_of_a_file_is_refused_even_when_what_is_left_is_consistent(
    exported, tmp_path, client, part
):
    """A backup cut short and mended by hand: the rows left would import on their own."""
    counts = Counter(o["model"] for o in exported)
    if part == "first half":
        kept = exported[: len(exported) // 2]
    elif part == "second half":
        kept = exported[len(exported) // 2 :]
    else:
        # The last article, and the suggestions of it and by it: what is left is consistent.
        article = [o for o in exported if o["model"] == "content.article"][-1]
        kept = [
            o
            for o in exported
            if o is not article
            and not (
                o["model"] == "content.suggestedarticle"
                and article["pk"] in (o["fields"]["article"], o["fields"]["suggested"])
            )
        ]
    data = {"manifest": {"counts": dict(counts)}, "objects": kept}
    message = refused(tmp_path, client, json.dumps(data), r"the manifest lists \d+, the file holds")
    assert "incomplete or was edited after export" in message


def test_a_valid_file_still_imports_after_a_refused_one(exported, tmp_path, client):
    broken = json.loads(json.dumps(exported))
    first(broken, "glossary.term")["fields"]["slug"] = "not a slug"
    refused(tmp_path, client, broken, "glossary.term")

    call_command("import_content", write(tmp_path, exported), stdout=io.StringIO())
    assert Term.objects.count() == sum(o["model"] == "glossary.term" for o in exported)
    for url in PAGES:
        assert client.get(url).status_code == 200, url
