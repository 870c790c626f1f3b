"""What import_content does with a file: it is read as untrusted input, checked whole, then saved.

1. Shape: a JSON object holding "manifest" (how many objects of each model the export wrote)
   and "objects", a list of objects, each with "model" (a content model), "pk" and "fields"
   holding only the fields an export writes; each is deserialized on its own.
2. The file as a whole: as many objects of each model as its manifest says (a file cut short
   and mended, or half of one, is refused), no object twice (same model and pk), no foreign
   key or many-to-many id pointing at an object the file does not hold (the database is empty
   by contract), every link of a symmetrical relation (an article's suggestions) listed from
   both ends.
3. Model by model, in the registry's order (parents first, the glossary before the rest):
   derived HTML is rendered from the Markdown (HTML in the file is never kept), then the object
   is validated as the admin validates it (`full_clean()`: fields, `clean()`, unique checks and
   constraints, against the rows imported before it), then saved raw: dates and versions as in
   the file, no revision. Many-to-many links are written last, as rows of their link tables,
   after the model's `check_<field>(objects)` method, if it has one, accepts the objects
   (a cell's options must belong to its own dimension: `Cell.check_options`).
4. Once every row is in, HTML that links glossary terms is rendered again with the whole
   glossary, and the rows in the database are counted against the file.

Every problem is one line naming the object ("content.article #3: slug: ..."); they are raised
together as `ImportProblems`, and the command rolls the transaction back.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.base import DeserializationError

from .rendering import RendersMarkdown, rerender_linked
from .terms import current_matcher

KEYS = ("model", "pk", "fields")
JSON_TYPES = {dict: "an object", str: "a string", int: "a number", float: "a number"}


class ImportProblems(Exception):
    """The file cannot be imported; `problems` says why, one line each."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class Row:
    obj: object  # the model instance, not saved yet
    links: dict  # many-to-many field name -> the ids the file lists

    @property
    def model(self):
        return type(self.obj)

    @property
    def key(self):
        return (self.model, self.obj.pk)

    def __str__(self):
        return f"{self.model._meta.label_lower} #{self.obj.pk}"


def one_line(value, limit=300):
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def restore(text, models):
    """Save every object of `text` (a file written by export_content), or raise ImportProblems
    and leave the caller to roll back. Returns the number of objects saved, by model."""
    rows = read_rows(text, models)
    problems = check_references(rows)
    if problems:
        raise ImportProblems(problems)
    save_objects(rows, models)
    save_links(rows)
    rerender_linked(models)
    problems = check_counts(rows, models)
    if problems:
        raise ImportProblems(problems)
    return Counter(row.model for row in rows)


def read_rows(text, models):
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ImportProblems([f"The file is not JSON: {one_line(error)}."]) from None
    objects, counts = read_envelope(data)
    by_label = {model._meta.label_lower: model for model in models}
    rows, problems = [], []
    for position, item in enumerate(objects, 1):
        try:
            rows.append(read_row(position, item, by_label))
        except ImportProblems as error:
            problems += error.problems
    problems += check_manifest(counts, rows, by_label)
    if problems:
        raise ImportProblems(problems)
    return rows


def read_envelope(data):
    """(the list of objects, the manifest's counts by model label) of a file."""
    if isinstance(data, list):
        kind = "a list without a manifest (a file from before manifests, or a fixture)"
    elif not isinstance(data, dict):
        kind = JSON_TYPES.get(type(data), one_line(json.dumps(data), 40))
    elif not isinstance(data.get("objects"), list):
        kind = 'an object without an "objects" list'
    else:
        kind = None
    if kind:
        raise ImportProblems(
            [
                'The file must hold a JSON object with "manifest" and "objects" (a list), as '
                f"export_content writes, not {kind}."
            ]
        )
    manifest = data.get("manifest")
    counts = manifest.get("counts") if isinstance(manifest, dict) else None
    if not isinstance(counts, dict) or not all(type(n) is int and n >= 0 for n in counts.values()):
        raise ImportProblems(
            [
                'The file\'s "manifest" must hold "counts": how many objects of each model the '
                "export wrote, as export_content writes it."
            ]
        )
    return data["objects"], counts


def check_manifest(counts, rows, by_label):
    """As many objects of each model as the export wrote: a half file is not a smaller one."""
    held = Counter(row.model._meta.label_lower for row in rows)
    problems = [
        f"The manifest counts {one_line(json.dumps(label), 60)}, which is not content."
        for label in counts
        if label not in by_label
    ]
    for label in by_label:
        listed, found = counts.get(label, 0), held.get(label, 0)
        if listed != found:
            problems.append(
                f"{label}: the manifest lists {listed}, the file holds {found}; the file is "
                "incomplete or was edited after export."
            )
    return problems


def read_row(position, item, by_label):
    """One object of the file as a Row, or ImportProblems naming it."""
    where = f"Object {position} of the file"
    if not isinstance(item, dict):
        raise ImportProblems([f"{where} is not a JSON object with {', '.join(KEYS)}."])
    missing = [key for key in KEYS if key not in item]
    if missing:
        raise ImportProblems([f"{where} has no {', '.join(missing)}."])
    label, pk, fields = (item[key] for key in KEYS)
    model = by_label.get(label.lower()) if isinstance(label, str) else None
    if model is None:
        raise ImportProblems([f"{where}: {not_content(label)}"])
    where = f"{model._meta.label_lower} #{one_line(pk, 40)}"
    if pk is None:
        raise ImportProblems([f"{where}: pk is null; every object must keep its id."])
    if not isinstance(fields, dict):
        raise ImportProblems([f"{where}: fields must be a JSON object."])
    unknown = sorted(set(fields) - importable_fields(model))
    if unknown:
        names = ", ".join(one_line(name, 40) for name in unknown)
        raise ImportProblems([f"{where}: no such field in an export: {names}."])
    for field in model._meta.local_many_to_many:
        if not isinstance(fields.get(field.name, []), list):
            raise ImportProblems([f"{where}: {field.name} must be a JSON list of ids."])
    try:
        deserialized = next(serializers.deserialize("python", [item]))
    except (DeserializationError, ValidationError, ValueError, TypeError) as error:
        raise ImportProblems([f"{where}: {one_line(error)}"]) from None
    links = {name: list(pks) for name, pks in deserialized.m2m_data.items()}
    return Row(deserialized.object, links)


def not_content(label):
    try:
        apps.get_model(label)
    except (LookupError, ValueError, TypeError, AttributeError):
        return f"unknown model {one_line(json.dumps(label), 60)}."
    return f"{label} is not content: import_content restores only what export_content writes."


def importable_fields(model):
    """The fields export_content writes for `model` (those of Django's serializers)."""
    opts = model._meta
    return {field.name for field in opts.local_fields if field.serialize} | {
        field.name
        for field in opts.local_many_to_many
        if field.serialize and field.remote_field.through._meta.auto_created
    }


def check_references(rows):
    """Duplicates, ids pointing outside the file, repeated and one-sided links."""
    seen = Counter(row.key for row in rows)
    problems, reported = [], set()
    for row in rows:
        if seen[row.key] > 1 and row.key not in reported:
            reported.add(row.key)
            problems.append(
                f"{row}: appears {seen[row.key]} times in the file; only once is valid."
            )
        for name, model, pk in references(row):
            if (model, pk) not in seen:
                target = f"{model._meta.label_lower} #{pk}"
                problems.append(f"{row}: {name} refers to {target}, which is not in the file.")
        for name, pks in row.links.items():
            repeated = sorted(pk for pk, n in Counter(pks).items() if n > 1)
            if repeated:
                problems.append(f"{row}: {name} lists {', '.join(map(str, repeated))} twice.")
    return problems + check_symmetry(rows)


def references(row):
    """(field name, model, pk) for every object `row` refers to."""
    for field in row.model._meta.concrete_fields:
        value = getattr(row.obj, field.attname)
        if field.is_relation and value is not None:
            yield field.name, field.related_model, value
    for name, pks in row.links.items():
        model = row.model._meta.get_field(name).related_model
        for pk in pks:
            yield name, model, pk


def check_symmetry(rows):
    """A symmetrical link (A suggests B, so B suggests A) must be listed from both ends."""
    links = {
        (row.model, name, row.obj.pk, pk)
        for row in rows
        for name, pks in row.links.items()
        for pk in pks
    }
    problems = []
    for row in rows:
        for name, pks in row.links.items():
            if not row.model._meta.get_field(name).remote_field.symmetrical:
                continue
            problems += [
                f"{row}: {name} lists #{pk}, but #{pk} does not list #{row.obj.pk} "
                "(the link goes both ways)."
                for pk in pks
                if (row.model, name, pk, row.obj.pk) not in links
            ]
    return problems


def save_objects(rows, models):
    """Render, validate and save, model by model; stop after a model with problems, as the
    models after it would only repeat them (their links to its objects would fail too)."""
    by_model = defaultdict(list)
    for row in rows:
        by_model[row.model].append(row)
    for model in models:
        matcher = current_matcher()  # the terms imported so far; linked again at the end
        problems = []
        for row in by_model[model]:
            problems += save_object(row, matcher)
        if problems:
            raise ImportProblems(problems)


def save_object(row, matcher):
    obj = row.obj
    if isinstance(obj, RendersMarkdown):
        obj.render_markdown_fields(matcher=matcher)  # never the HTML of the file
    try:
        obj.full_clean()
    except ValidationError as error:
        return describe(row, error)
    # A raw save, as loaddata's: dates and versions as in the file, no revision.
    obj.save_base(raw=True)
    return []


def describe(row, error):
    """One line per message of a ValidationError, naming the object and the field."""
    if not hasattr(error, "error_dict"):
        return [f"{row}: {one_line(message)}" for message in error.messages]
    return [
        f"{row}: {'' if field == NON_FIELD_ERRORS else field + ': '}{one_line(message)}"
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def save_links(rows):
    """Write every many-to-many link as a row of its link table, once all objects exist."""
    problems, pending = [], defaultdict(list)
    for row in rows:
        for name, pks in row.links.items():
            field = row.model._meta.get_field(name)
            check = getattr(row.obj, f"check_{name}", None)
            if check is not None:
                try:
                    check(list(field.related_model._base_manager.filter(pk__in=pks)))
                except ValidationError as error:
                    problems += describe(row, error)
                    continue
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            pending[through] += [through(**{source: row.obj.pk, target: pk}) for pk in pks]
    if problems:
        raise ImportProblems(problems)
    for through, links in pending.items():
        through._base_manager.bulk_create(links)


def check_counts(rows, models):
    """Every object and every link of the file is in the database, once."""
    expected = Counter(row.model for row in rows)
    for row in rows:
        for name, pks in row.links.items():
            expected[row.model._meta.get_field(name).remote_field.through] += len(pks)
    tables = [
        *models,
        *(
            field.remote_field.through
            for model in models
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ),
    ]
    problems = []
    for table in tables:
        saved = table._base_manager.count()
        if saved != expected[table]:
            label = table._meta.label_lower
            problems.append(f"{label}: the file holds {expected[table]}, {saved} were saved.")
    return problems
