"""The two databases' own full-text search, behind one function: `candidates`.

PostgreSQL: `websearch_to_tsquery('english', ...)` against the generated, GIN-indexed
`search_vector` column (title weighted A, text B), ranked by `ts_rank`. SQLite: FTS5 `MATCH`
against the porter-tokenized `editorial_searchdocument_fts` table, ranked by `bm25` (the title
counting ten times the text). Both are created by the app's migration. Either way the query
comes from `query.Query`, already in index spelling and with its length bounded.
"""

from dataclasses import dataclass

from django.db import connections
from django.utils import timezone

from ..models import SearchDocument

TABLE = SearchDocument._meta.db_table
FTS_TABLE = f"{TABLE}_fts"

_POSTGRESQL = f"""
    SELECT d.id, d.kind, d.title, ts_rank('{{0.1, 0.2, 0.2, 1.0}}'::real[], d.search_vector, q)
    FROM {TABLE} d, websearch_to_tsquery('english', %s) q
    WHERE d.search_vector @@ q AND (d.visible_from IS NULL OR d.visible_from <= %s)
    ORDER BY 4 DESC, d.id
    LIMIT %s
"""
_SQLITE = f"""
    SELECT d.id, d.kind, d.title, -bm25({FTS_TABLE}, 10.0, 1.0)
    FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid
    WHERE {FTS_TABLE} MATCH %s AND (d.visible_from IS NULL OR d.visible_from <= %s)
    ORDER BY 4 DESC, d.id
    LIMIT %s
"""


@dataclass(frozen=True)
class Candidate:
    id: int
    kind: str
    title: str
    score: float  # the database's rank: higher is better (comparable within one search only)


def candidates(query, limit, using="default"):
    """The `limit` best matches of a Query that can be searched (public ones only), best first."""
    connection = connections[using]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        sql, text = _POSTGRESQL, query.websearch()
    elif connection.vendor == "sqlite":
        sql, text = _SQLITE, query.fts5()
    else:
        raise NotImplementedError(f"No full-text search for {connection.vendor}.")
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, now, limit])
        return [Candidate(*row) for row in cursor.fetchall()]
