"""The core's one table: the search index. Its other models (`versioning.Versioned`,
`rendering.RendersMarkdown`) are abstract bases. (The app's migrations also make `migrate` send
it the post_migrate signal that keeps the Editors group in line, `editorial.editors`.)"""

from django.db import models


class SearchDocument(models.Model):
    """One document of the site search (`editorial.search`): an article, a glossary term, a
    comparison cell... as its app's provider describes it, kept in step with every edit.

    `title_index` and `body_index` are what the database searches: the title and text in index
    spelling (`editorial.search.spelling`). Each database indexes them its own way, created by
    this app's migration: on PostgreSQL a weighted `tsvector` column (`search_vector`,
    generated, GIN-indexed); on SQLite an FTS5 table (`editorial_searchdocument_fts`, porter
    tokenizer) kept in step by triggers. Neither is a model field.
    """

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=100)
    group_key = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    context = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    title_index = models.TextField(blank=True)
    body_index = models.TextField(blank=True)
    visible_from = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_document_once"),
        ]
        indexes = [models.Index(fields=["kind", "group_key"], name="search_document_group")]

    def __str__(self):
        return f"{self.kind}: {self.title}"
