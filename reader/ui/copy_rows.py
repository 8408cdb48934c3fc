"""Copy groups in the app: one row per group in lists, and the article header's "also in" line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.format import short_date

if TYPE_CHECKING:
    from index.stories.copies import CopyGroup


def collapse(ids: list[str], groups: dict[str, tuple[int, int]], shown: set[int]) -> list[tuple[str, int]]:
    """(id, copies hidden behind it) for the rows to show: the first row of each copy group
    stands for the group; ``shown`` holds the groups already on screen (earlier pages) and is
    updated."""
    rows = []
    for article_id in ids:
        group = groups.get(article_id)
        if group is None:
            rows.append((article_id, 0))
            continue
        group_id, members = group
        if group_id in shown:
            continue
        shown.add(group_id)
        rows.append((article_id, members - 1))
    return rows


def copies_label(count: int) -> str:
    return f"+{count} {'copy' if count == 1 else 'copies'}"


def also_in_line(article_id: str, group: CopyGroup | None, agencies: list[str]) -> str | None:
    """'also in: Spiegel, Zeit (dpa copy) · first: Zeit, 2025-03-01 08:00' for an article with copies;
    'credited: dpa, AFP' for one without copies that credits agencies."""
    if group is None:
        return f"credited: {', '.join(agencies)}" if agencies else None
    others = [m for m in group.articles if m.id != article_id]
    outlets = list(dict.fromkeys(m.source or "unknown source" for m in others))
    credit = f"{'/'.join(agencies)} copy" if agencies else "copy"
    first = group.articles[0]
    if first.id == article_id:
        who = "published first"
    else:
        who = f"first: {first.source or 'unknown source'}, {short_date(first.published)}"
    return f"also in: {', '.join(outlets)} ({credit}) · {who} · c: word diff"
