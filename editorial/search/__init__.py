"""Site search: full-text, stemmed, ranked, British and American spellings alike.

The core of it, knowing no content model: content apps describe their documents to it
(`providers`: `provide(Provider(...))` in their AppConfig.ready()); it keeps the index table
(`editorial.models.SearchDocument`) in step with every edit (`receivers`, `index`), and answers
queries (`query`, `runner`) with each database's own full-text search (`backends`): PostgreSQL's
`websearch_to_tsquery` on a GIN-indexed tsvector, SQLite's FTS5 with the porter tokenizer. Both
see text and queries already folded to one spelling (`spelling`); excerpts mark stemmed
matches (`excerpt`, `stemming`).

This package's own modules import models; this file does not, so apps may import
`editorial.search.providers` before the models are loaded.
"""
