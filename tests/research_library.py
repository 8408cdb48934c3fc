"""A small library for sorting, counting and facets: three sources over three months, one
minister mentioned (and quoted) in some articles often, in others in passing, two agency credits."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
SOURCES = ("Spiegel", "tagesschau", "Süddeutsche Zeitung")
# (month, day, source, title, body); all but one mention the Impfstoff.
ARTICLES = [
    (3, 2, 0, "Impfstoff: Spahn kündigt Prüfung an",
     "Berlin. Gesundheitsminister Jens Spahn (CDU) hat eine Prüfung des Impfstoffs angekündigt. "
     "Spahn sagte, die Sicherheit gehe vor. Jens Spahn will am Montag im Bundestag berichten. "
     "Auch Spahn selbst will sich impfen lassen, sobald der Impfstoff zugelassen ist."),
    (3, 9, 1, "Länder warten auf den Impfstoff",
     "Die Länder warten auf den Impfstoff. Bayern und Hessen planen Impfzentren in allen Kreisen. "
     "In Hamburg sollen die ersten Dosen Anfang April eintreffen, heißt es aus der Behörde."),
    (3, 20, 2, "Hausärzte fordern mehr Impfstoff",
     "Die Hausärzte fordern mehr Impfstoff für ihre Praxen. Der Verband verweist auf lange Wartelisten "
     "in Bayern. Gesundheitsminister Jens Spahn wurde in dem Schreiben nur am Rande erwähnt."),
    (4, 3, 0, "Impfstoff-Lieferungen verzögern sich",
     "Brüssel (dpa) - Die Lieferungen des Impfstoffs verzögern sich um zwei Wochen. Der Hersteller nannte Probleme in "
     "einem Werk in Belgien. Die Europäische Kommission verhandelt über weitere Dosen."),
    (4, 15, 1, "Spahn verteidigt die Impfstrategie",
     "Gesundheitsminister Jens Spahn hat die Impfstrategie verteidigt. Spahn sagte im Bundestag, der "
     "Impfstoff werde gerecht verteilt. Die Opposition warf ihm Versäumnisse vor. Spahn wies das zurück."),
    (4, 28, 2, "Impfstoff für Kinder in Prüfung",
     "Ein Impfstoff für Kinder wird geprüft. Die Ständige Impfkommission will im Mai entscheiden. "
     "Eltern in Berlin und Hamburg warten auf eine Empfehlung."),
    (5, 6, 0, "Mehr Impfstoff für Hausarztpraxen",
     "Die Hausarztpraxen bekommen mehr Impfstoff. Die Kassenärztliche Bundesvereinigung begrüßte die "
     "Entscheidung. In Sachsen beginnen die Praxen schon am Montag. (dpa/AFP)"),
    (5, 12, 2, "Pflegekräfte verlangen bessere Bezahlung",
     "Die Pflegekräfte in den Kliniken verlangen eine bessere Bezahlung. Die Gewerkschaft Verdi rief zu "
     "Protesten vor mehreren Krankenhäusern auf. Viele Beschäftigte arbeiten seit Monaten am Limit, sagte "
     "eine Sprecherin. Die Kliniken verweisen auf steigende Kosten für Energie und Personal. In Hamburg und "
     "Bremen beteiligten sich Hunderte an den Kundgebungen. Auch in Niedersachsen wurde protestiert. Die "
     "Arbeitgeber wollen in der kommenden Woche ein Angebot vorlegen. Die Gewerkschaft hält das für zu spät "
     "und droht mit weiteren Aktionen. Viele Stationen sind nach Angaben der Beschäftigten dünn besetzt, "
     "Überstunden seien die Regel. Am Rande der Kundgebung in Hamburg hieß es, Gesundheitsminister Jens Spahn "
     "habe Gespräche angeboten."),
    (5, 19, 1, "Impfstoff: Zweite Dosis früher",
     "Die zweite Dosis des Impfstoffs soll früher gegeben werden. Die Ständige Impfkommission änderte "
     "ihre Empfehlung. Jens Spahn begrüßte die Änderung."),
]


def research_articles():
    from index.models import Article

    articles = []
    for number, (month, day, source, title, body) in enumerate(ARTICLES):
        published = datetime(2020, month, day, 9, tzinfo=BERLIN) + timedelta(minutes=number)
        articles.append(Article(title=title, body=body, source=SOURCES[source], published=published,
                                url=f"https://example.org/impfstoff/{number}"))
    return articles


def write_research_library(data_dir: Path) -> Path:
    from index.library import Library

    with Library.open(data_dir) as library:
        report = library.add_articles(research_articles())
    assert report.added == len(ARTICLES), report
    return data_dir
