"""manage.py import_content PATH: restore a file written by export_content.

Only into a database without content (a fresh `migrate`): merging two sets of rows with the
same ids would silently overwrite one with the other. The file is not trusted: every object is
checked and validated as the admin does, derived HTML is rendered again from the Markdown, and
the rows written are counted against the file (`editorial.importing`). Dates and versions are
kept as exported and no revision is recorded. The whole import is one transaction: one problem
and nothing is changed; the error lists every problem found, one line each.
"""

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from editorial import registry
from editorial.importing import ImportProblems, restore

MAX_PROBLEMS = 50  # lines of an error message; a hostile file could hold thousands


class Command(BaseCommand):
    help = "Restore content written by export_content into a database that has no content yet."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_content.")

    def handle(self, *args, path, **options):
        models = registry.models()
        try:
            with open(path, encoding="utf-8") as stream:
                text = stream.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

        try:
            with transaction.atomic():
                refuse_existing_content(models)
                counts = restore(text, models)
                # A last check by the database itself; it would only fail on a bug above.
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
                # New rows must get ids after the imported ones (PostgreSQL sequences).
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(sql)
        except ImportProblems as error:
            raise CommandError(failure(path, error.problems)) from None
        except DatabaseError as error:
            message = f"{path} could not be imported; nothing was changed. {error}"
            raise CommandError(message) from error

        summary = ", ".join(f"{counts[m]} {m._meta.verbose_name_plural}" for m in models)
        self.stdout.write(f"Imported {summary}.")


def refuse_existing_content(models):
    present = [m._meta.verbose_name_plural for m in models if m._base_manager.exists()]
    if present:
        raise CommandError(
            f"The database already has content ({', '.join(map(str, present))}). "
            "import_content only restores into an empty database: run it right "
            "after `manage.py migrate` on a new database, before load_starter."
        )


def failure(path, problems):
    """The error message: what happened, then one line per problem (the first few)."""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    lines = [f"{path} could not be imported; nothing was changed. {count}:"]
    lines += [f"  - {problem}" for problem in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        lines.append(f"  … and {len(problems) - MAX_PROBLEMS} more.")
    return "\n".join(lines)
