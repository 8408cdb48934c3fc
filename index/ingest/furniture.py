"""Page furniture: text that sits around an article on a web page and is never article text.

Every rule looks at one cleaned line (or paragraph). Rules fall in two groups:
- ``ends_article``: lines after which nothing belongs to the article any more (comment
  counters, "Mehr zum Thema", teaser lists);
- ``is_furniture``: lines that are dropped wherever they stand (AI-summary disclaimers, photo
  credits, navigation and search-box labels, sharing buttons, bylines in the header).
Lines that carry metadata (datelines, "Stand:", broadcast notes, tag lines) live in
``metalines``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# --- AI-summary disclaimers --------------------------------------------------------------


_AI = r"(?:künstlicher?|kuenstlicher?)\s+intelligenz|\bki\b|\bai\b"
_DISCLAIMER_WORDS = ("intelligenz", "veröffentlichung", "automatisch", "maschinell")
_AI_WORD = re.compile(r"\b(?:KI|AI)\b")
_DISCLAIMER_RULES = (
    re.compile(rf"\bwir\s+(?:nutzen|verwenden|setzen|benutzen)\b.*(?:{_AI}).*"
               r"(?:zusammenfass|erstell|generier|übersetz)", re.I),
    re.compile(r"\bvor\s+(?:der|ihrer)\s+veröffentlichung\b.*\b(?:geprüft|überprüft|kontrolliert)", re.I),
    re.compile(rf"\b(?:mit|mithilfe|mit\s+hilfe)\s+(?:von\s+)?(?:{_AI})\b.*"
               r"(?:erstellt|zusammengefasst|generiert|übersetzt)", re.I),
    re.compile(r"\b(?:zusammenfassung|text)\b.*\b(?:automatisch|maschinell)\s+(?:erstellt|generiert)", re.I),
)


def is_disclaimer(line: str) -> bool:
    """A note that a summary was written or checked with AI ("Wir nutzen künstliche
    Intelligenz, um Zusammenfassungen ... zu erstellen. Jeder Text wird ... geprüft.")."""
    if len(line) > 400:
        return False
    lowered = line.lower()
    if not any(word in lowered for word in _DISCLAIMER_WORDS) and _AI_WORD.search(line) is None:
        return False  # cheap test first: most lines never mention AI
    return any(rule.search(line) for rule in _DISCLAIMER_RULES)


# --- Photo credits ------------------------------------------------------------------------

_AGENCIES = (
    r"dpa(?:-afx)?|afp|ap|reuters|rtr|epa|efe|sda|apa|dts|ots|sid|kyodo|imago|getty(?:\s+images)?|picture[\s-]+alliance|keystone|"
    r"anadolu|xinhua|sputnik|ddp|kna|epd|pool|photothek|abaca|sipa|ansa|tass|ria|ukrinform|"
    r"zuma|nurphoto|sopa|ipon|snapshot|istock|shutterstock|adobe\s+stock|action\s+press|"
    r"bildagentur|archiv|symbolbild|privat"
)
_AGENCY_WORD = re.compile(rf"(?<![\w-])(?:{_AGENCIES})(?![\w-])", re.I)
_CREDIT_LABEL = re.compile(r"^(?:\(?\s*)(?:foto|fotos|bild|bilder|bildquelle|quelle\s+bild|photo|credit)s?\s*:", re.I)
_TRAILING_PARENS = re.compile(r"\s*\(([^()]{2,120})\)\s*$")


def _looks_like_credit(text: str) -> bool:
    text = text.strip().strip("()").strip()
    if not text or text[-1:] in ".!?" and not _CREDIT_LABEL.match(text):
        return False
    if _CREDIT_LABEL.match(text) or text.startswith("©"):
        return True
    if len(text) > 120 or not _AGENCY_WORD.search(text):
        return False
    # "Ludovic Marin/Pool AFP/AP/dpa", "picture alliance / dpa | Kay Nietfeld"
    return "/" in text or "|" in text or _AGENCY_WORD.fullmatch(text) is not None


def strip_photo_credit(title: str) -> str:
    """``Treffen in Paris (Ludovic Marin/Pool AFP/AP/dpa)`` -> ``Treffen in Paris``."""
    match = _TRAILING_PARENS.search(title)
    if match and match.start() > 0 and _looks_like_credit(match.group(1)):
        return title[: match.start()].rstrip()
    return title


_CAPTION_CREDIT = re.compile(r"(?<=[.!?…])\s+(?:Bild|Foto|Fotos|Photo|Image|Credit)\s*:\s*[^.!?]{2,60}$")


def is_caption(paragraph: str) -> bool:
    """A picture's caption left in a page's text: a sentence or two ending in its credit
    (``Auch Grönemeyer gehört zu den Unterstützern. Bild: dpa``)."""
    return len(paragraph) <= 300 and _CAPTION_CREDIT.search(paragraph) is not None


def is_photo_credit(line: str) -> bool:
    """A line that is only a picture credit: ``Foto: dpa``, ``© AFP``, ``(Kay Nietfeld/dpa)``."""
    return len(line) <= 160 and _looks_like_credit(line)


# --- Site names after titles ------------------------------------------------------------

_SITE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[|–—-]\s+(?P<site>[^|–—]{2,40})$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|net|org|eu|info|online)$", re.I)


def split_site_suffix(title: str, known_source: str | None) -> tuple[str, str | None]:
    """``Gipfel in Paris | tagesschau.de`` -> (``Gipfel in Paris``, ``tagesschau.de``): a page
    title's site name is not part of the article's title."""
    match = _SITE_SUFFIX.match(title)
    if match is None:
        return title, None
    site = match["site"].strip()
    if _DOMAIN.match(site) or (known_source and site.casefold() == known_source.casefold()):
        return match["title"].strip(), site
    return title, None


# --- Navigation, search boxes, sharing and reading aids ------------------------------------

_NAVIGATION = re.compile(
    r"^(?:suchbegriff|suche|suchen|such(?:feld|e starten)|menü|menu|navigation|hauptnavigation|"
    r"startseite|home|zum inhalt(?: springen)?|zur navigation|direkt zum inhalt|inhalt|"
    r"inhaltsverzeichnis|teilen|artikel teilen|seite teilen|drucken|artikel drucken|merken|"
    r"artikel merken|artikel anhören|anhören|vorlesen|audio|video|anzeige|werbung|newsletter|"
    r"mehr anzeigen|weiterlesen|mehr lesen|alle artikel|nach oben|zurück|weiter|schließen|"
    r"impressum|datenschutz|datenschutzerklärung|cookie-einstellungen|cookies|kontakt|"
    r"alle rechte vorbehalten|facebook|twitter|x|whatsapp|telegram|linkedin|e-mail|mail|"
    r"bild vergrößern|video abspielen|audio abspielen|zur startseite|login|anmelden|abonnieren|"
    r"jetzt abonnieren|feedback|(?:copyright\b|©).{0,120}|artikel verschenken|zur merkliste(?: hinzufügen)?|"
    r"artikel hören|hören|vorlesen lassen|jetzt teilen|link kopieren|pocket|flipboard|share|tweet|"
    r"teilen (?:auf|mit|per)|share (?:on|this|via)|.{0,40} newsletter|sign up (?:for|to)\b.{0,120}|"
    r"dpa-infocom.{0,120}|dpa:\d{6}-\d{2,3}-\d+/\d+)$",
    re.I,
)
_READING_AID = re.compile(r"^(?:lesezeit|lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?)$", re.I)
# An audio or video player's position: "00:00 / 03:12".
_PLAYER_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$")
# A single teaser link inside the text: "Lesen Sie auch: Warum die Mieten steigen".
_INLINE_TEASER = re.compile(r"^(?:lesen sie (?:auch|mehr|hier)|mehr dazu|siehe auch|auch interessant|read more|"
                            r"read also|see also|also read)\s*:\s*\S", re.I)
_NAME = r"[A-ZÄÖÜ][\w.'-]*(?:\s+(?:(?:von|van|der|de|zu|den|del)\s+)*[A-ZÄÖÜ][\w.'-]*){0,3}"
_BYLINE = re.compile(
    r"^(?:[Vv]on|[Bb]y|[Ee]ine? (?:[Kk]ommentar|[Bb]ericht|[Gg]astbeitrag|[Ii]nterview|[Aa]nalyse|"
    rf"[Rr]eportage|[Gg]losse) von)\s+"
    rf"{_NAME}(?:(?:\s+und\s+|\s+and\s+|,\s*){_NAME})*(?:\s*\([^()]{{2,40}}\))?$"
)


_WIDGET = re.compile(
    r"^(?:[\d.,:/%\s()+-]{1,20}|\(?\d+(?:,\d+)?\s*\(?\d*\s*(?:stimmen|bewertungen|votes)\)?\)?|"
    r"(?:sie sind hier|you are here)\s*:.*|(?:startseite|home|accueil)\s*[>›»/].*|"
    r"\d+\s*(?:mal gelesen|aufrufe|views|leser)|(?:heute|gestern|vorgestern),?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*uhr)?|"
    r"weitere informationen (?:finden sie|gibt es) hier\.?)$",
    re.I,
)
_PROMO = re.compile(r"\bnewsletter\b.*\b(?:anmelden|abonnieren|bestellen|registrieren)\b|"
                    r"\b(?:anmelden|abonnieren|bestellen)\b.*\bnewsletter\b", re.I)


def is_widget(line: str) -> bool:
    """Ratings (``0,0 (0 Stimmen)``), bare numbers, breadcrumbs (``Home > Politik``) and
    newsletter sign-up prompts."""
    if len(line) <= 120 and "newsletter" in line.lower() and _PROMO.search(line) is not None:
        return True
    return _WIDGET.match(line) is not None


def is_navigation(line: str) -> bool:
    """A menu, search-box or sharing label (``Suchbegriff``, ``Startseite``, ``Teilen``),
    or a reading aid (``Lesezeit: 3 Min.``)."""
    text = line.strip(" :|·•>»")
    return bool(text) and (
        _NAVIGATION.match(text) is not None
        or _READING_AID.match(text) is not None
        or _PLAYER_TIME.match(text) is not None
        or (len(text) <= 200 and _INLINE_TEASER.match(text) is not None)
    )


def is_byline(line: str) -> bool:
    """``Von Anna Beispiel`` in the header; the author is not article text."""
    return _BYLINE.match(line) is not None and not line.endswith(".")


# --- Comment sections, further reading, teaser lists (end of the article) -------------------

_COMMENTS = re.compile(
    r"^\[?\(?\s*(?:\d+\s+kommentare?|kommentare?\s*\(?\d*\)?|kommentieren|kommentar schreiben|"
    r"zu den kommentaren|alle kommentare(?: anzeigen)?|diskutieren sie mit.*|"
    r"leserkommentare|\d+\s+leserbriefe?|kommentare insgesamt\s*:\s*\d+)\s*\)?\]?$",
    re.I,
)
_FURTHER_READING = re.compile(
    r"^(?:weiterführende informationen|weitere informationen|mehr zum thema|zum thema|"
    r"links zum thema|lesen sie auch|lesen sie mehr|lesen sie hier.*|auch interessant|"
    r"das könnte sie auch interessieren|das könnte sie interessieren|weitere artikel|"
    r"verwandte artikel|ähnliche artikel|weitere nachrichten|mehr nachrichten|mehr aus .{1,40}|"
    r"empfehlungen der redaktion|unsere empfehlungen?|top-themen|meistgelesen|meistgelesene artikel|"
    r"am meisten gelesen|neueste artikel|aktuelle nachrichten|nachrichten im überblick|"
    r"related|related (?:articles|stories|posts|content)|editors[’']? (?:recommendations|picks)|"
    r"recommended(?: for you| stories)?|you (?:may|might) also like|more from .{1,40}|read more)\s*:?$",
    re.I,
)
_TEASER_SNIPPET = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]\s*(?:\(\d+\))?\s*$")
_RELATIVE_TIME = re.compile(
    r"^(?:vor\s+(?:\d+|einer|einem|wenigen)\s+(?:sekunden?|minuten?|min\.?|stunden?|std\.?|tag(?:en)?|"
    r"wochen?)|gerade eben|soeben)$",
    re.I,
)


def is_comment_counter(line: str) -> bool:
    """``[0 Kommentare]``, ``Kommentare (12)``, ``Kommentar schreiben``."""
    return _COMMENTS.match(line) is not None


def is_further_reading(line: str) -> bool:
    """A heading over links to other articles: ``Weiterführende Informationen``, ``Mehr zum Thema``."""
    return _FURTHER_READING.match(line.strip(" :")) is not None


def is_teaser_snippet(line: str) -> bool:
    """A teaser cut off by the page: ``Albstadt (dpa) - Bei dem Einsturz ... Die […] (00)``."""
    return _TEASER_SNIPPET.search(line) is not None


def is_relative_time(line: str) -> bool:
    """A teaser's age: ``vor 12 Minuten``, ``vor 1 Stunde``."""
    return _RELATIVE_TIME.match(line) is not None


def ends_article(line: str) -> bool:
    """Nothing after this line belongs to the article."""
    return (
        is_comment_counter(line)
        or is_further_reading(line)
        or is_teaser_snippet(line)
        or is_relative_time(line)
    )


def is_furniture(line: str) -> bool:
    """Dropped wherever it stands."""
    return is_disclaimer(line) or is_photo_credit(line) or is_navigation(line) or is_widget(line)


def is_headline_like(line: str) -> bool:
    """A short line without a full stop: a heading, a teaser headline or a site name."""
    return 0 < len(line) <= 120 and line[-1] not in ".:;,"


# --- Where the article ends: link boxes, feed notes, whole paragraph lists -----------------

_TERMINAL = re.compile(r"[.!?…][\"'“”»«’)\]]*$")


def reads_like_text(line: str) -> bool:
    """A sentence of article text (not a heading, link title or label)."""
    return len(line.split()) >= 5 and _TERMINAL.search(line) is not None


def enough_text(lines: Sequence[str]) -> bool:
    """Some article text has been seen: an end marker above it is page furniture of the header."""
    return sum(len(line.split()) for line in lines if reads_like_text(line)) >= 25


def text_after_links(items: Sequence[str], index: int, is_end: Callable[[str], bool]) -> int | None:
    """For a further-reading heading at ``index``: where article text resumes after its link
    list (an inline "Lesen Sie auch" box), or None when the article is over."""
    for position in range(index + 1, len(items)):
        item = items[position]
        if not item:
            continue
        if is_end(item):
            return None
        if reads_like_text(item) and len(item.split()) >= 12:
            return position
    return None


_FEED_FOOTER = re.compile(
    r"\s*(?:The post .{3,300}? appeared first on .{2,100}?|Der Beitrag .{3,300}? erschien zuerst auf .{2,100}?)\.?$"
)


def strip_feed_footer(paragraph: str) -> str:
    """``... The post Title appeared first on site.de.``: blog software's note, not article text."""
    return _FEED_FOOTER.sub("", paragraph)


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs up to the end of the article, without furniture. End markers before any
    article text, and inline link boxes, are dropped without ending the article."""
    kept: list[str] = []
    index = 0
    if any(not is_caption(p) for p in paragraphs):  # a page whose only text is a caption keeps it
        paragraphs = [p for p in paragraphs if not is_caption(p)]
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if is_further_reading(paragraph):
            resume = text_after_links(paragraphs, index, ends_article)
            if resume is None:
                break
            index = resume
            continue
        if ends_article(paragraph) and enough_text(kept):
            break
        paragraph = strip_feed_footer(paragraph)
        if paragraph and not is_furniture(paragraph) and not ends_article(paragraph) and not is_byline(paragraph):
            kept.append(paragraph)
        index += 1
    return kept
