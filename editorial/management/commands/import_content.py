"""manage.py import_content PATH: restore a file written by export_content.

Only into a database without content (a fresh `migrate`): merging two sets of rows with the
same ids would silently overwrite one with the other. Objects are saved as stored, derived HTML
and dates included, without re-rendering or new revisions; the whole import is one transaction.
"""

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from editorial import registry


class Command(BaseCommand):
    help = "Restore content written by export_content into a database that has no content yet."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_content.")

    def handle(self, *args, path, **options):
        models = registry.models()
        try:
            with open(path, encoding="utf-8") as stream:
                data = stream.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

        counts = dict.fromkeys(models, 0)
        try:
            with transaction.atomic(), connection.constraint_checks_disabled():
                present = [m._meta.verbose_name_plural for m in models if m._base_manager.exists()]
                if present:
                    raise CommandError(
                        f"The database already has content ({', '.join(map(str, present))}). "
                        "import_content only restores into an empty database: run it right "
                        "after `manage.py migrate` on a new database, before load_starter."
                    )
                for item in serializers.deserialize("json", data):
                    model = type(item.object)
                    if model not in counts:
                        raise CommandError(f"{path} holds a {model._meta.label}, not content.")
                    # A raw save: stored HTML, dates and versions are kept exactly as exported.
                    item.save()
                    counts[model] += 1
                # Foreign keys were checked at the end, as loaddata does: links may point ahead.
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
                # New rows must get ids after the imported ones (PostgreSQL sequences).
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(sql)
        except (DeserializationError, DatabaseError) as error:
            message = f"{path} could not be imported; nothing was changed. {error}"
            raise CommandError(message) from error

        summary = ", ".join(f"{n} {m._meta.verbose_name_plural}" for m, n in counts.items())
        self.stdout.write(f"Imported {summary}.")
