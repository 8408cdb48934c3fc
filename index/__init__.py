"""The collection: articles, search, entities, bookmarks. Never imports textual."""
