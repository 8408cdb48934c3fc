"""German cue words: roles and titles before names, organisation suffixes, agency credits."""

from __future__ import annotations

import re

# Heads of role nouns, lower case; a token that ends in one of these (Außenamtssprecherin,
# NATO-Generalsekretär, Kremlchefs) is a role when a name follows it.
ROLE_HEADS = tuple(sorted(
    """präsident präsidentin kanzler kanzlerin minister ministerin sprecher sprecherin chef chefin
    generalsekretär generalsekretärin gesandte gesandter gesandten beauftragte beauftragter
    premier premierminister premierministerin bürgermeister bürgermeisterin botschafter
    botschafterin vorsitzende vorsitzender vorsitzenden abgeordnete abgeordneter abgeordneten
    experte expertin direktor direktorin leiter leiterin berater beraterin kommissar kommissarin
    könig königin prinz prinzessin papst general generalin sekretär sekretärin senator senatorin
    gouverneur gouverneurin richter richterin anwalt anwältin trainer trainerin manager managerin
    analyst analystin ökonom ökonomin journalist journalistin korrespondent korrespondentin
    politiker politikerin diplomat diplomatin machthaber staatschef regierungschef
    regierungschefin oppositionsführer oppositionsführerin bischof kardinal professor professorin
    autor autorin regisseur regisseurin sänger sängerin schauspieler schauspielerin
    gründer gründerin unternehmer unternehmerin kandidat kandidatin koordinator koordinatorin
    stabschef stabschefin kronprinz oberbefehlshaber admiral staatssekretär staatssekretärin
    außenbeauftragte ministerpräsident ministerpräsidentin vizekanzler vizekanzlerin
    vizepräsident vizepräsidentin ceo vorstand vorständin intendant intendantin
    bundestrainer kapitän moderator moderatorin torhüter torhüterin tormann goalie keeper
    stürmer stürmerin verteidiger verteidigerin spieler spielerin coach politologe politologin
    soziologe soziologin historiker historikerin psychologe psychologin jurist juristin
    forscher forscherin wissenschaftler wissenschaftlerin wissenschafter wissenschafterin
    kicker kickerin rechtler rechtlerin ajatollah ayatollah scheich imam mullah rabbiner
    mufti großmufti patriarch metropolit pharao kalif""".split(),
    key=len, reverse=True))
_ROLE_ENDINGS = ("", "s", "en", "n", "es")


def _heads_by_last_letters(heads: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The heads grouped by their last three letters (every head has three or more), so that
    a word is compared with the few heads that can end it."""
    groups: dict[str, list[str]] = {}
    for head in heads:
        groups.setdefault(head[-3:], []).append(head)
    return {tail: tuple(group) for tail, group in groups.items()}


_ROLE_HEADS_BY_LAST_LETTERS = _heads_by_last_letters(ROLE_HEADS)
# English words that open a role of two words before a name: "Head Coach", "Chief Executive".
ROLE_OPENERS = frozenset({"Head", "Chief", "Assistant", "Interim"})
_PARTY_PERSON = re.compile(r"\w-(?:mann|frau|männer|frauen)(?:e?s)?$")
# Nouns that put a name in its category, before it: "Spielzeughersteller Mattel",
# "das Label Parlophone", "der Autobauer Stellantis". Matched as word endings.
CATEGORY_HEADS = tuple(
    """hersteller konzern unternehmen firma anbieter betreiber händler dienstleister
    autobauer versicherer zulieferer discounter sender magazin verlag netzwerk plattform
    rüstungskonzern fluggesellschaft airline reederei agentur ableger ligist riese riesen
    gigant giganten anlagenbauer maschinenbauer flugzeugbauer fahrzeugbauer schiffbauer
    waggonbauer motorenbauer kette versorger immobilienentwickler kanzlei brauerei werft genossenschaft autovermieter
    lieferdienst fahrdienst kurierdienst paketdienst mobilfunker provider""".split())
# Short heads that only count as whole words ("Band", not "Bundesverband").
CATEGORY_WORDS = frozenset({"band", "bands", "label", "labels"})


def is_category_noun(token: str) -> bool:
    """Spielzeughersteller, Autobauers, Konzerne, Bundesligisten, Band: a noun that names a
    kind of organisation (capitalised: "umfassenderen" is no Sender)."""
    try:
        return _categories_seen[token]
    except KeyError:
        pass
    low = token.lower()
    found = token[:1].isupper() and (low in CATEGORY_WORDS or low.rstrip("s").endswith(CATEGORY_HEADS) \
        or low.endswith(_PLURAL_ENDINGS) and low.removesuffix("en").removesuffix("e").endswith(CATEGORY_HEADS))
    return _remember(_categories_seen, token, found)


_PLURAL_ENDINGS = ("e", "en")
# Heads of nouns of a firm's business (Stellenabbau, Insolvenz, Quartalsumsatz, Belegschaft):
# a name such a sentence reports on without a first name or a role is mostly a firm.
BUSINESS_HEADS = tuple(
    """stellen stellenabbau arbeitsplätze insolvenz insolvenzantrag umsatz umsätze gewinn
    gewinne aktie aktien aktionäre mitarbeiter belegschaft beschäftigte standort standorte
    filiale filialen quartal bilanz übernahme tochter tochtergesellschaft kunden produkte
    sortiment börsengang pleite marktanteil""".split())


def is_business_noun(token: str) -> bool:
    """Stellenabbau, Insolvenz, Quartalsumsatz: a capitalised noun of a firm's business."""
    if not token[:1].isupper():
        return False
    try:
        return _business_seen[token]
    except KeyError:
        pass
    low = token.lower()
    found = low.endswith(BUSINESS_HEADS) or low.removesuffix("s").endswith(BUSINESS_HEADS)
    return _remember(_business_seen, token, found)


_categories_seen: dict[str, bool] = {}
_business_seen: dict[str, bool] = {}


def _remember(seen: dict[str, bool], token: str, found: bool) -> bool:
    if len(seen) > 200_000:
        seen.clear()
    seen[token] = found
    return found


# Verbs of saying that a surname often follows in news: "sagte Huber.", ", erklärte Möller,".
SPEECH_VERBS = frozenset(
    """sagte sagt sagten erklärte erklärt betonte betont meinte meint ergänzte ergänzt
    kritisierte kritisiert warnte warnt fügte schrieb schreibt berichtete berichtet
    sagte's so""".split())
# Finite verbs a person's surname opens a sentence with: "Sibler verwies auf ...".
SUBJECT_VERBS = SPEECH_VERBS | frozenset(
    """verwies habe hat hatte hätte sei ist war wäre wird wurde würde will wollte soll sollte
    kann konnte könne muss musste müsse darf durfte glaubt glaubte hofft hoffte fordert
    forderte bestätigte bestätigt""".split())
# Agency credits ("(dpa)", "AFP/dpa"): page furniture, never an organisation mention.
AGENCY_WORDS = frozenset("dpa afp ap rtr reuters kna epd tmn sid afx ddp apa sda dts".split())
# What follows a city in capitals opening a news item: "KAIRO (dpa) -", "BERLIN -".
DATELINE_MARKS = frozenset({"-", "–", "—", "(", "/"})
# Titles that are not roles of their own but often stand before a name.
TITLES = frozenset({"Herr", "Frau", "Dr.", "Prof.", "Sir", "Lady", "Lord", "Dame", "Miss",
                    "Mister", "Mr.", "Mrs.", "Ms.", "Madame", "Monsieur"})

ORG_SUFFIXES = frozenset(
    "gmbh ag kg se e.v. ev mbh co. co inc. inc ltd ltd. llc plc corp. corp gruppe group "
    "institut verband verein stiftung partei ministerium bank holding konzern "
    "universität hochschule akademie agentur behörde amt gericht".split())


# Heads of organisation names written as one word (Verteidigungsministerium, Commerzbank,
# Linkspartei, Landgericht); a feature, not a rule: "Bankrott" or "Samt" are no organisations.
ORG_HEADS = tuple(
    """ministerium bank partei verband verein stiftung institut konzern gericht behörde amt
    kommission agentur gewerkschaft versicherung gesellschaft holding werke zeitung rundfunk
    fraktion bündnis union rat liga klub club akademie universität hochschule schule
    polizei armee bundeswehr streitkräfte regierung parlament senat kammer börse""".split())


def is_org_head(low: str) -> bool:
    """True for a lower-cased word that ends in an organisation head (Bundesamt, Postbank)."""
    return low.endswith(ORG_HEADS)


_roles_seen: dict[str, str | None] = {}


def role_of(token: str) -> str | None:
    """The role a capitalised token names, in its base form (Kremlchefs -> Kremlchef)."""
    if not token or not token[0].isupper() or len(token) < 3:
        return None
    try:
        return _roles_seen[token]
    except KeyError:
        pass
    low = token.lower()
    role = None
    if "-" in low and _PARTY_PERSON.search(low):  # "IHS-Mann Hofer", "SPÖ-Frau Bures": a person of that body
        role = token
    for ending in _ROLE_ENDINGS if role is None else ():
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        if stem.endswith(_ROLE_HEADS_BY_LAST_LETTERS.get(stem[-3:], ())):
            role = token[: len(token) - len(ending)] if ending else token
            break
    if len(_roles_seen) > 200_000:
        _roles_seen.clear()
    _roles_seen[token] = role
    return role


def is_org_suffix(token: str) -> bool:
    return token.lower() in ORG_SUFFIXES
