"""What import_content does with a file: it is read as untrusted input, checked whole, then saved.

1. Shape: a JSON object holding "manifest" (how many objects of each model the export wrote)
   and "objects", a list of objects, each with "model" (a content model), "pk" and "fields"
   holding only the fields an export writes; each is deserialized on its own.
2. The file as a whole: as many objects of each model as its manifest says (a file cut short
   and mended, or half of one, is refused), no object twice (same model and pk), no foreign
   key or many-to-many id pointing at an object the file does not hold (the database is empty
   by contract), every link of a symmetrical relation listed from both ends.
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

from collections import Counter, defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .import_file import ImportProblems, one_line, read_rows
from .rendering import RendersMarkdown, rerender_linked
from .terms import current_matcher


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
