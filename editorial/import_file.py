"""Reading a file written by export_content, as untrusted input: its shape, its manifest and
each of its objects (`editorial.importing` checks and saves what this reads).

The file is a JSON object: "manifest" (how many objects of each model the export wrote) and
"objects", each with "model" (a content model), "pk" and "fields" holding only the fields an
export writes. Every problem is one line naming the object; they are raised together as
`ImportProblems`.
"""

import json
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError

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
