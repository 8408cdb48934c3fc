"""Signatures and LSH bands: the bands are the ones datasketch chooses for the threshold, and an
edited copy shares a band with its original while an unrelated text does not."""

from __future__ import annotations

from datasketch.lsh import _optimal_param

from index.stories.signatures import (CANDIDATE_JACCARD, LSH_BANDS, LSH_ROWS, NUM_PERM, band_keys,
                                      signature)


def test_the_bands_are_datasketchs_choice_for_the_candidate_threshold():
    assert (LSH_BANDS, LSH_ROWS) == _optimal_param(CANDIDATE_JACCARD, NUM_PERM, 0.5, 0.5)
    assert LSH_BANDS * LSH_ROWS <= NUM_PERM


def test_a_copy_with_a_new_lead_shares_a_band_and_another_text_does_not(texts):
    original = texts["Inland"][0]
    words = original.split()
    copy = " ".join(["Neuer", "Einstieg", "der", "Redaktion", "am", "Morgen"] + words[len(words) // 5:])
    other = texts["Sport"][0]
    keys = set(band_keys(signature(original)))
    assert keys & set(band_keys(signature(copy)))
    assert not keys & set(band_keys(signature(other)))
