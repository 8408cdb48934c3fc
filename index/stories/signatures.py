"""MinHash signatures of an article's text (datasketch) and their LSH band keys.

The text compared is the body without its agency credits and publisher notices (notices.py),
lower-cased, as words only: a new title, changed quote marks or punctuation and an added credit
change nothing; a rewritten lead, a cut ending or an added paragraph change a share of the
shingles (runs of SHINGLE_WORDS words).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.stories.agencies import Credits

NUM_PERM = 128
SHINGLE_WORDS = 4
# Shorter texts (teasers, "Mehr in Kürze") share too little to tell a copy from a coincidence.
MIN_SHINGLES = 20
# Pairs whose Jaccard similarity is at least this are likely to share a band (LSH candidates);
# whether a candidate is a copy is decided on its estimated overlap (COPY_THRESHOLD in copies).
CANDIDATE_JACCARD = 0.3
_SCHEME = "affine32"
_MIX = 0x9E3779B97F4A7C15  # an odd 64-bit constant (the golden ratio's), to combine word hashes


@dataclass
class Signature:
    hashvalues: np.ndarray  # NUM_PERM uint32
    shingles: int  # how many distinct shingles the text has

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> "Signature":
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), shingles)

    def jaccard(self, other: "Signature") -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM

    def overlap(self, other: "Signature") -> float:
        """Estimated share of the shorter text's shingles that the other has too (a cut copy
        is wholly contained in its original though their Jaccard similarity is low)."""
        jaccard = self.jaccard(other)
        shared = jaccard * (self.shingles + other.shingles) / (1 + jaccard)
        return min(1.0, shared / max(1, min(self.shingles, other.shingles)))


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash  # datasketch loads scipy, which is slow: only when signatures are made

    return MinHash(num_perm=NUM_PERM, scheme=_SCHEME, hashfunc=int).permutations


# LSH bands and rows per band: datasketch's choice for CANDIDATE_JACCARD and NUM_PERM (weighing
# false positives and negatives equally), written out because computing it loads scipy (slow, in
# every process that groups); tests/stories/test_signatures.py checks it.
LSH_BANDS, LSH_ROWS = 37, 3


@lru_cache(maxsize=1)
def band_ranges() -> list[tuple[int, int]]:
    return [(band * LSH_ROWS, (band + 1) * LSH_ROWS) for band in range(LSH_BANDS)]


def shingle_hashes(words: list[str]) -> np.ndarray:
    """The distinct 32-bit hashes of the shingles of these words (each word hashed once, then every
    run of SHINGLE_WORDS word hashes combined: cheaper than hashing the joined words)."""
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.array(list(map(zlib.crc32, map(str.encode, words))), dtype=np.uint64)
    count = len(words) - SHINGLE_WORDS + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):  # uint64 arithmetic wraps, which is what a hash wants
        combined = combined * np.uint64(_MIX) + word_hashes[offset:offset + count]
    hashes = np.sort((combined ^ (combined >> np.uint64(32))) & np.uint64(0xFFFFFFFF))
    # Distinct values, as np.unique gives them (sorted) at a quarter of its cost.
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def signature(body: str, credits: Credits | None = None, words: list[str] | None = None) -> Signature | None:
    """The text's signature; None when it is too short to be compared. ``words``:
    compared_words(body), when the caller has them."""
    from index.stories.copies import compared_words

    found = shingle_hashes(compared_words(body, credits) if words is None else words)
    if len(found) < MIN_SHINGLES:
        return None
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=_SCHEME, hashfunc=int, permutations=_permutations())
    minhash.update_batch(found.tolist())  # Python ints: datasketch hashes each value in a Python loop
    return Signature(minhash.hashvalues.astype(np.uint32), len(found))


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band: texts sharing a key are candidates."""
    data = sig.hashvalues.astype("<u4")
    keys = []
    for band, (start, end) in enumerate(band_ranges()):
        digest = hashlib.blake2b(data[start:end].tobytes(), digest_size=8, person=band.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys
