"""manage.py export_content [--output PATH]: every piece of content as one JSON file.

The file is Django's own serialization (the format of dumpdata), one list of objects in the
order of the content registry (`editorial.registry`: parents before children), so that
`import_content` (or even `loaddata`) restores it model by model with every foreign key
already in place. Each object carries all its concrete fields, derived HTML
included, and its plain many-to-many links (an article's related articles, a cell's options);
new fields are exported without changes here. Revision history is not exported.
"""

import datetime
from itertools import chain

from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from editorial import registry


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder keeps only milliseconds of a time; a restore should keep them all."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Command(BaseCommand):
    help = "Write all content (articles, comparisons, glossary) to a JSON file, for backups."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")

    def handle(self, *args, output=None, **options):
        objects = chain.from_iterable(
            model._base_manager.order_by("pk").iterator() for model in registry.models()
        )
        options = {"indent": 2, "ensure_ascii": False, "cls": ExactJSONEncoder}
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                serializers.serialize("json", objects, stream=stream, **options)
            self.stderr.write(f"Content written to {output}.")
        else:
            serializers.serialize("json", objects, stream=self.stdout, **options)
