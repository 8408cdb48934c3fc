"""Precision and recall of quote recognition and attribution on the hand-annotated gold set.

    python -m bench.quotes_eval [--split dev|test] [--round 1..19] [--errors]

Spans match one to one (greedily, best overlap first) when their overlap is at least half of
their union; direct quotes are matched to direct quotes, indirect speech to indirect speech, and
"non-direct" counts indirect and reported together. A speaker is right when the entity's fullest
name in the article shares the gold speaker's last word, a genitive -s aside (or one contains the
other), or names the same organisation by another form of its name (the same words up to
endings, or its initials).
`--errors` lists the misses of the dev split only: the test split is scored, never read.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time

from bench.quotes_gold.check import documents, gold_quotes
from bench.quotes_gold.texts import document_text
from index.entities import EntityPipeline
from index.entities.quotes import find_quotes
from index.speaker_names import add_speaker_names

MIN_OVERLAP = 0.5


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    pairs = sorted(((_overlap((g["start"], g["end"]), (p["start"], p["end"])), i, j)
                    for i, g in enumerate(gold) for j, p in enumerate(predicted)
                    if g["doc"] == p["doc"]), reverse=True)
    used_g, used_p, matched = set(), set(), []
    for score, i, j in pairs:
        if score < MIN_OVERLAP:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        matched.append((gold[i], predicted[j]))
    return matched


def _stems(name: str) -> set[str]:
    """The words of a name without case, genitive -s or adjective ending: "Berliner Landgerichts"
    and "Landgericht Berlin" have the same."""
    return {w.removesuffix("s").removesuffix("er") for w in re.findall(r"\w+", name.casefold()) if len(w) > 3}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _same_speaker(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    g, p = gold.casefold(), predicted.casefold()
    if g in p or p in g:
        return True
    # One organisation by two forms of its name ("Landgericht Berlin", "Berliner Landgerichts";
    # "Verband für Sozialer Wettbewerb", "VSW").
    if (_stems(gold) and _stems(gold) == _stems(predicted)) or (predicted.isupper() and len(predicted) >= 2
                                                              and _initials(gold) == predicted):
        return True
    # A genitive surface ("Sardanas") names the same person as its base form.
    return g.split()[-1].strip(".").removesuffix("s") == p.split()[-1].strip(".").removesuffix("s")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(gold: list[dict], predicted: list[dict], label: str) -> dict:
    matched = _match(gold, predicted)
    spans_p, spans_r = _ratio(len(matched), len(predicted)), _ratio(len(matched), len(gold))
    named_predictions = [(g, p) for g, p in matched if p["speaker_name"]]
    right = [(g, p) for g, p in named_predictions if _same_speaker(g["speaker"], p["speaker_name"])]
    named_gold = [g for g in gold if g["speaker"]]
    right_of_named = [(g, p) for g, p in right if g["speaker"]]
    return {"what": label, "gold": len(gold), "predicted": len(predicted), "matched": len(matched),
            "span_precision": spans_p, "span_recall": spans_r,
            "speaker_precision": _ratio(len(right), len(named_predictions)),
            "speaker_recall": _ratio(len(right_of_named), len(named_gold)),
            "misses": [g for g in gold if all(g is not m for m, _ in matched)],
            "false": [p for p in predicted if all(p is not m for _, m in matched)],
            "wrong_speakers": [(g, p) for g, p in named_predictions if (g, p) not in right]}


def predict(pipeline: EntityPipeline, names: list[str]) -> tuple[list[dict], list[float], list[float]]:
    predicted, quote_seconds, all_seconds = [], [], []
    for name in names:
        text = document_text(name)
        began = time.perf_counter()
        mentions = pipeline.extract(text)
        middle = time.perf_counter()
        mentions = add_speaker_names(text, mentions)
        quotes = find_quotes(text, mentions)
        done = time.perf_counter()
        quote_seconds.append(done - middle)
        all_seconds.append(done - began)
        fullest: dict[str, str] = {}
        for m in mentions:
            if len(m.text) > len(fullest.get(m.entity, "")):
                fullest[m.entity] = m.text
        for q in quotes:
            speaker_name = fullest.get(q.speaker, q.speaker_text) if q.speaker else None
            predicted.append({"doc": name, "start": q.start, "end": q.end, "kind": q.kind,
                              "speaker_name": speaker_name, "cue": q.cue})
    return predicted, quote_seconds, all_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--round", choices=[str(n) for n in range(1, 20)],
                        help="only the documents of one round of annotation (bench/quotes_gold/README.md)")
    parser.add_argument("--errors", action="store_true", help="list misses (dev split only)")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        parser.error("--errors reads the errors of the dev split only: the test split stays unread")
    names = documents(None if args.split == "all" else args.split, args.round)
    gold = [q for q in gold_quotes() if q["doc"] in set(names)]
    pipeline = EntityPipeline.load()
    pipeline.extract("Aufwärmen, sagte Anna Berger.")
    predicted, quote_seconds, all_seconds = predict(pipeline, names)
    rows = [
        score([g for g in gold if g["kind"] == "direct"], [p for p in predicted if p["kind"] == "direct"], "direct"),
        score([g for g in gold if g["kind"] == "indirect"], [p for p in predicted if p["kind"] == "indirect"], "indirect"),
        score([g for g in gold if g["kind"] != "direct"], [p for p in predicted if p["kind"] != "direct"],
              "indirect+reported"),
        score(gold, predicted, "all kinds (spans only)"),
    ]
    print(f"split {args.split}{f', round {args.round}' if args.round else ''}: {len(names)} documents, {len(gold)} gold quotes, {len(predicted)} found")
    print(f"{'':24} {'gold':>5} {'found':>5} {'span P':>7} {'span R':>7} {'spk P':>7} {'spk R':>7}")
    for r in rows:
        print(f"{r['what']:24} {r['gold']:5} {r['predicted']:5} {r['span_precision']:7.2f} {r['span_recall']:7.2f} "
              f"{r['speaker_precision']:7.2f} {r['speaker_recall']:7.2f}")
    print(f"cost per article: quotes {statistics.mean(quote_seconds) * 1000:.2f} ms "
          f"(max {max(quote_seconds) * 1000:.1f}), with entity recognition {statistics.mean(all_seconds) * 1000:.1f} ms; "
          f"mean article {statistics.mean(len(document_text(n)) for n in names):.0f} characters")
    if args.errors:
        for r in rows[:3]:
            for g in r["misses"]:
                t = document_text(g["doc"])
                print(f"MISS {r['what']} {g['doc']} [{g['speaker']}] {t[g['start']:g['end']][:110]!r}")
            for p in r["false"]:
                t = document_text(p["doc"])
                print(f"FALSE {r['what']} {p['doc']} [{p['speaker_name']}] {t[p['start']:p['end']][:110]!r}")
            for g, p in r["wrong_speakers"]:
                t = document_text(g["doc"])
                print(f"SPEAKER {r['what']} {g['doc']} gold={g['speaker']} found={p['speaker_name']} "
                      f"{t[g['start']:g['end']][:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
