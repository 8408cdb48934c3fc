"""The fixed query mix of the benchmarks, in the reader's syntax and translated for Recoll.

Every query finds articles in a generated corpus (the words are frequent in the sentence sources,
the people are the public figures bench/names.py writes in). Recoll's language has no entity
fields: ``person:Merz`` becomes the word (the nearest thing a Recoll user could type), and
dates use ``date:YYYY-MM-DD/YYYY-MM-DD`` (Recoll's date is the file's modification time unless the
document carries one, so its date hits are not comparable; the timing still is).
"""

from __future__ import annotations

# (category, reader query)
QUERY_MIX: list[tuple[str, str]] = [
    ("one word", "Streik"),
    ("one word", "Flughafen"),
    ("two words", "Lufthansa Gewerkschaft"),
    ("two words", "Polizei Unfall"),
    ("phrase", '"Millionen Euro"'),
    ("phrase", '"die Übernahme"'),
    ("prefix", "Verspät*"),
    ("prefix", "Gewerk*"),
    ("fuzzy", "Selenskij~"),
    ("fuzzy", "Lufthanza~"),
    ("person:", "person:Merz"),
    ("person:", "person:Macron"),
    ("date range", "published:[2023-01-01 TO 2023-03-31]"),
    ("date range", "Streik published:2024"),
]

# What a Recoll user would type for the same need (recollq's query language).
RECOLL_QUERIES: dict[str, str] = {
    "Streik": "Streik",
    "Flughafen": "Flughafen",
    "Lufthansa Gewerkschaft": "Lufthansa Gewerkschaft",
    "Polizei Unfall": "Polizei Unfall",
    '"Millionen Euro"': '"Millionen Euro"',
    '"die Übernahme"': '"die Übernahme"',
    "Verspät*": "Verspät*",
    "Gewerk*": "Gewerk*",
    # Recoll has no edit-distance operator; spelling suggestions need aspell. The wildcard is the
    # closest query a user would write.
    "Selenskij~": "Selensk*",
    "Lufthanza~": "Lufthan*",
    "person:Merz": "Merz",
    "person:Macron": "Macron",
    "published:[2023-01-01 TO 2023-03-31]": "date:2023-01-01/2023-03-31",
    "Streik published:2024": "Streik date:2024-01-01/2024-12-31",
}

# Typed into the app one character at a time for the keystroke-to-results measurement.
TYPED_QUERIES = ["Streik", "Lufthansa Gewerkschaft", "Flughafen Berlin", "Merz"]
