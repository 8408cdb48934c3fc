"""Search latency of two checkouts, measured interleaved: A B A B ...

    python -m bench.ab_search A_CHECKOUT A_LIBRARY B_CHECKOUT B_LIBRARY [--pairs 5] [--repeats 10]
                              [--json OUT.json]

Each run is `bench.measure_search` (the query mix of bench/queries.py) in a fresh process of
the checkout's own venv (CHECKOUT/.venv/bin/python, run in CHECKOUT so that its `index` and
`bench` are the ones imported), on a library that checkout imported. Alternating the two
spreads the machine's other work over both sides; the medians over the runs are the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
from pathlib import Path

_RUN = ("import json, sys\nfrom pathlib import Path\nfrom bench.measure_search import measure_search\n"
        "print(json.dumps(measure_search(Path(sys.argv[1]), repeats=int(sys.argv[2]))))")
FIGURES = (("p50", "overall", "p50_ms"), ("p95", "overall", "p95_ms"), ("p95 CPU", "overall_cpu", "p95_ms"),
           ("p95 uncached", "uncached", "p95_ms"), ("p95 as the app", "as_the_app_does", "p95_ms"))


def measure(checkout: Path, library: Path, repeats: int) -> dict:
    python = checkout / ".venv" / "bin" / "python"
    done = subprocess.run([str(python), "-c", _RUN, str(library.resolve()), str(repeats)], cwd=checkout,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def figures(result: dict) -> list[float]:
    return [result[part][key] for _, part, key in FIGURES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a_checkout", type=Path)
    parser.add_argument("a_library", type=Path)
    parser.add_argument("b_checkout", type=Path)
    parser.add_argument("b_library", type=Path)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    sides = {"A": (args.a_checkout, args.a_library), "B": (args.b_checkout, args.b_library)}
    runs: dict[str, list[dict]] = {"A": [], "B": []}
    print("run  " + "  ".join(f"{name:>14}" for name, _, _ in FIGURES) + "   (ms)")
    for pair in range(args.pairs):
        for side, (checkout, library) in sides.items():
            result = measure(checkout, library, args.repeats)
            runs[side].append(result)
            print(f"{side}{pair + 1:<3} " + "  ".join(f"{value:>14.2f}" for value in figures(result)), flush=True)
    for side in sides:
        medians = [statistics.median(values) for values in zip(*(figures(r) for r in runs[side]))]
        print(f"{side} median " + "  ".join(f"{value:>11.2f}" for value in medians))
    if args.json is not None:
        args.json.write_text(json.dumps({"sides": {s: [str(p) for p in sides[s]] for s in sides}, "runs": runs},
                                        indent=1))


if __name__ == "__main__":
    main()
