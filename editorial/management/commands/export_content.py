"""manage.py export_content [--output PATH]: every piece of content as one JSON file.

The file is a JSON object: "manifest" (when, and how many objects of each model were written,
so that import_content can tell a whole file from a part of one) and "objects", Django's own
serialization (the objects of dumpdata), in the order of the content registry
(`editorial.registry`: parents before children), so that `import_content` restores it model
by model with every foreign key already in place. Each object carries all its concrete
fields, derived HTML included, and its plain many-to-many links (an article's related articles,
a cell's options); new fields are exported without changes here. Revision history is not exported.
"""

import datetime
import json
from collections import Counter

from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

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
        objects = []
        for model in registry.models():
            objects += serializers.serialize("python", model._base_manager.order_by("pk"))
        manifest = {
            "exported": timezone.now(),
            "counts": dict(Counter(obj["model"] for obj in objects)),
        }
        document = {"manifest": manifest, "objects": objects}
        text = json.dumps(document, indent=2, ensure_ascii=False, cls=ExactJSONEncoder)
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text + "\n")
            self.stderr.write(f"Content written to {output}.")
        else:
            self.stdout.write(text)
