"""Publisher notices printed under many unrelated articles, which say nothing about the news.

"Der Volltext dieses auf Agenturmeldungen basierenden Artikels steht aus rechtlichen Gründen nicht
mehr zur Verfügung." stands under every withdrawn agency story of derStandard (as in 10kGNAD);
beside a one-line teaser it is most of the text's shingles and frequent words, which would make
unrelated teasers copies of each other and one story.
"""

from __future__ import annotations

import re

_NOTICES = re.compile(
    r"Der Volltext dieses (?:auf Agenturmeldungen basierenden )?Artikels steht aus rechtlichen Gründen"
    r"\s+nicht mehr zur Verfügung\.?",
    re.IGNORECASE)


def without_notices(text: str) -> str:
    """The text with publisher notices blanked out (offsets kept)."""
    return _NOTICES.sub(lambda match: " " * len(match.group(0)), text)
