"""Speed of entity recognition + linking (EntityPipeline.extract), in tokens per second.

    python bench/bench_entities.py [--repeat N] [--germeval PATH]

Measures on one core: the five seeds once (cold word cache), the seeds repeated N times, and
GermEval 2014 dev sentences grouped into 20-sentence documents (mostly unseen words). Tokens
are counted with the pipeline's own tokenizer (words and punctuation).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.entities import EntityPipeline  # noqa: E402
from index.entities.tokenize import tokenize  # noqa: E402


def measure(pipeline: EntityPipeline, texts: list[str]) -> tuple[int, float, float, int]:
    """Tokens, wall-clock seconds, CPU seconds of this process, mentions."""
    tokens = sum(len(tokenize(t)) for t in texts)
    started, started_cpu = time.perf_counter(), time.process_time()
    mentions = sum(len(pipeline.extract(t)) for t in texts)
    return tokens, time.perf_counter() - started, time.process_time() - started_cpu, mentions


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
    parser.add_argument("--germeval", type=Path,
                        default=ROOT.parent / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv")
    args = parser.parse_args()

    started = time.perf_counter()
    pipeline = EntityPipeline.load()
    print(f"load: {time.perf_counter() - started:.3f} s")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
