"""Speed of entity recognition + linking (EntityPipeline.extract), in tokens per second.

    python bench/bench_entities.py [--repeat N] [--germeval PATH] [--resolve N]

Measures on one core: the five seeds once (cold word cache), the seeds repeated N times, and
GermEval 2014 dev sentences grouped into 20-sentence documents (mostly unseen words). Tokens
are counted with the pipeline's own tokenizer (words and punctuation). Then the corpus-level
resolve() over N provisional ids (default 100,000) of made-up people, places and
organisations, as a large library would hand it after an import.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.entities import EntityPipeline, EntityRecord, plain_words  # noqa: E402
from index.entities.names import entity_id  # noqa: E402
from index.entities.tokenize import tokenize  # noqa: E402


def measure(pipeline: EntityPipeline, texts: list[str]) -> tuple[int, float, float, int]:
    """Tokens, wall-clock seconds, CPU seconds of this process, mentions."""
    tokens = sum(len(tokenize(t)) for t in texts)
    started, started_cpu = time.perf_counter(), time.process_time()
    mentions = sum(len(pipeline.extract(t)) for t in texts)
    return tokens, time.perf_counter() - started, time.process_time() - started_cpu, mentions


def provisional_records(pipeline: EntityPipeline, count: int) -> list[EntityRecord]:
    """`count` distinct provisional ids: full names, surnames alone, genitives, companies,
    and gazetteer entities, with made-up names so that nothing depends on a corpus."""
    rng = random.Random(7)
    syllables = "ka to ber lin mo sa ri ne gel hau wer stein mann dorf ach".split()
    first_names = "Anna Ben Carla David Eva Felix Greta Hans Ida Jonas".split()
    known = sorted(pipeline.gazetteer.entries.values(), key=lambda e: e.id)

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    records: dict[str, EntityRecord] = {}
    while len(records) < count:
        draw = rng.random()
        if draw < 0.3:
            kind, name = "person", f"{rng.choice(first_names)} {word()}"
        elif draw < 0.5:
            kind, name = "person", word()
        elif draw < 0.6:
            kind, name = rng.choice(["person", "place"]), word() + "s"
        elif draw < 0.7:
            entry = rng.choice(known)
            kind, name = entry.kind, entry.name
        else:
            kind, name = "org", f"{word()} {rng.choice(['AG', 'Verband', 'GmbH'])}"
        ident = entity_id(kind, name)
        roles = ["Ministerin"] if rng.random() < 0.1 else []
        records.setdefault(ident, EntityRecord(ident, kind, {name: rng.randint(1, 5)}, roles))
    return list(records.values())


def germeval_documents(path: Path, per_document: int = 20) -> list[str]:
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if words:
                sentences.append(" ".join(words))
            words = []
        elif line.strip():
            words.append(line.split("\t")[1])
    if words:
        sentences.append(" ".join(words))
    return [" ".join(sentences[i:i + per_document]) for i in range(0, len(sentences), per_document)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--resolve", type=int, default=100_000, metavar="N")
    parser.add_argument("--germeval", type=Path,
                        default=ROOT.parent / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv")
    args = parser.parse_args()

    started = time.perf_counter()
    pipeline = EntityPipeline.load()
    print(f"load: {time.perf_counter() - started:.3f} s")
    started = time.perf_counter()
    plain_words.load_word_frequencies()  # otherwise paid by the first English-looking word
    print(f"word frequencies (wordfreq, once per process): {time.perf_counter() - started:.3f} s")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    runs = [("seeds, first pass (cold cache)", seeds),
            (f"seeds x {args.repeat}", seeds * args.repeat)]
    if args.germeval.exists():
        runs.append(("GermEval dev, 20-sentence documents", germeval_documents(args.germeval)))
    # CPU time is what one core spends; wall clock also counts waiting for a busy machine.
    for name, texts in runs:
        tokens, seconds, cpu, mentions = measure(pipeline, texts)
        print(f"{name:<38} {tokens:>7} tokens  {tokens / cpu:>8,.0f} tokens/s (CPU)"
              f"  {tokens / seconds:>8,.0f} tokens/s (wall)  {mentions} mentions")
    if args.resolve:
        records = provisional_records(pipeline, args.resolve)
        started, started_cpu = time.perf_counter(), time.process_time()
        entities = {e.id for e in pipeline.resolve(records).values() if e is not None}
        print(f"resolve {len(records):,} provisional ids -> {len(entities):,} entities: "
              f"{time.process_time() - started_cpu:.2f} s CPU, "
              f"{time.perf_counter() - started:.2f} s wall")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
