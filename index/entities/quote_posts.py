"""Posts a page embeds (tweets and the like): the post's words are a direct quote of its author.

An embedded post reaches the text as its words followed by a signature line, "— Name (@handle)
25. September 2018", either in the same paragraph or in a paragraph of its own after them.
"""

from __future__ import annotations

import re

# "— Peter Wittkamp🐬 (@diktator) 25. September 2018", "— Anja (@AnjaAmaranth) 10. September 2018"
_SIGNATURE = re.compile(r"(?:(?<=\s)|^)[—–]\s+(?P<name>[^\n—–()]{1,80}?)\s*\(@(?P<handle>\w{1,40})\)"
                        r"\s+[^\n]{0,30}?\d{4}[ \t]*$", re.MULTILINE)
# Links a post ends in: they are no words of its author.
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://\S+|pic\.twitter\.com/\S+|>>>|[^\w\s.!?…“”\"«»)]+))+\s*$")
_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w.'’-]*")


def embedded_posts(text: str) -> list[tuple[int, int, int, str, str]]:
    """(start, end, signature end, author's name, handle) of each embedded post's words."""
    posts: list[tuple[int, int, int, str, str]] = []
    if "(@" not in text:  # no handle, no signature: most articles
        return posts
    for match in _SIGNATURE.finditer(text):
        paragraph_start = text.rfind("\n", 0, match.start()) + 1
        if text[paragraph_start:match.start()].strip():
            start, end = paragraph_start, match.start()
        else:  # the signature stands alone: the post is the paragraph before it
            end = text.rfind("\n", 0, paragraph_start - 1)
            end = len(text[:end].rstrip()) if end > 0 else 0
            start = text.rfind("\n", 0, end) + 1
        link = _TRAILING_LINKS.search(text, start, end)
        if link is not None:
            end = link.start()
        if end - start < 10:
            continue
        name = " ".join(w.group(0) for w in _NAME_WORD.finditer(match.group("name").split("#")[0]))
        posts.append((start, end, match.end(), name, match.group("handle")))
    return posts
