"""Merging index segments by copying posting blocks instead of postings.

At each commit Whoosh merges small segments (its MERGE_SMALL policy): it reads every posting of
the merged segments back through Python and sorts them again with the new ones. At 100,000
articles that re-reads about 90,000 articles' postings, a third of an import's CPU. The blocks
of :mod:`index.search.whoosh.codec` are self-contained (document numbers, weights, compressed
positions), so a merged posting list is its sources' blocks one after another, with the
document numbers moved. Stored fields, lengths and columns are copied per document by Whoosh's
own code. A segment with deleted documents, or written by another codec, takes Whoosh's path.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

import numpy as np
from whoosh.reading import SegmentReader, TermInfo
from whoosh.util import fib
from whoosh.writing import SegmentWriter

from index.search.whoosh.codec import _HEADER, ArrayPostingsWriter, ReaderCodec, block_layout


def merge_small_segments(writer, segments: list) -> list:
    """A ``mergetype`` for ``writer.commit``: Whoosh's choice of segments to merge, merged by
    block copy where the segments allow it."""
    to_merge, unchanged = _small_segments(segments)
    if len(to_merge) < 2:
        return segments
    return unchanged + _merged(writer, to_merge)


def segments_below(max_docs: int):
    """A ``mergetype`` merging every segment of fewer than ``max_docs`` documents into one."""
    def mergetype(writer, segments: list) -> list:
        small = [segment for segment in segments if segment.doc_count_all() < max_docs]
        if len(small) < 2:
            return segments
        return [segment for segment in segments if not _among(segment, small)] + _merged(writer, small)
    return mergetype


def _merged(writer, to_merge: list) -> list:
    """The segments that replace ``to_merge``: one copied by blocks (when two or more allow it);
    the others' documents go Whoosh's way, into the commit's own new segment."""
    copyable = [segment for segment in to_merge if _copyable(segment)]
    if len(copyable) < 2:
        copyable = []
    for segment in to_merge:
        if not _among(segment, copyable):
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
    return [merge_segments(writer.storage, writer.schema, writer.indexname, copyable)] if copyable else []


def _among(segment, segments: list) -> bool:
    return any(segment is other for other in segments)


def _small_segments(segments: list) -> tuple[list, list]:
    """(to merge, to keep), chosen as whoosh.writing.MERGE_SMALL chooses."""
    to_merge, unchanged = [], []
    total_docs = 0
    found = False
    for i, segment in enumerate(sorted(segments, key=lambda s: s.doc_count_all())):
        total_docs += segment.doc_count_all()
        if found:
            unchanged.append(segment)
        else:
            to_merge.append(segment)
            found = i > 3 and total_docs < fib(i + 5)
    return (to_merge, unchanged) if found else ([], list(segments))


def _copyable(segment) -> bool:
    return not segment.has_deletions() and isinstance(segment.codec(), ReaderCodec)


def merge_segments(storage, schema, indexname: str, segments: list):
    """A new segment holding the documents of ``segments`` (none deleted), in their order."""
    codec = ReaderCodec()
    merged = codec.new_segment(storage, indexname)
    readers = [SegmentReader(storage, schema, segment) for segment in segments]
    try:
        bases = _copy_documents(codec, storage, schema, merged, readers)
        _copy_postings(codec, storage, schema, merged, readers, bases)
    finally:
        for reader in readers:
            reader.close()
    return merged


class _DocumentCopier:
    """What SegmentWriter.write_per_doc uses of its writer."""

    def __init__(self, schema, perdocwriter):
        self.schema, self.perdocwriter, self.docnum = schema, perdocwriter, 0


def _copy_documents(codec, storage, schema, merged, readers: list) -> list[int]:
    copier = _DocumentCopier(schema, codec.per_document_writer(storage, merged))
    bases = []
    for reader in readers:
        bases.append(copier.docnum)
        fieldnames = set(schema.names()) | {name for name in reader.indexed_field_names() if name in schema}
        SegmentWriter.write_per_doc(copier, fieldnames, reader)
    copier.perdocwriter.close()
    merged.set_doc_count(copier.docnum)
    return bases


def _copy_postings(codec, storage, schema, merged, readers: list, bases: list[int]) -> None:
    fieldwriter = codec.field_writer(storage, merged)
    names = sorted({name for reader in readers for name in reader.indexed_field_names() if name in schema})
    for fieldname in names:
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        postings: ArrayPostingsWriter = fieldwriter._postwriter
        for btext, sources in _merged_terms(readers, fieldname):
            fieldwriter.start_term(btext)
            if any(terminfo.is_inlined() for _, terminfo in sources):
                _add_one_by_one(fieldwriter, readers, bases, fieldname, btext, sources)
            else:
                bodies = [body for number, terminfo in sources
                          for body in _moved_blocks(readers[number], terminfo, bases[number])]
                postings.add_copied_blocks(bodies, _merged_info(sources, bases))
            fieldwriter.finish_term()
        fieldwriter.finish_field()
    fieldwriter.close()


def _merged_terms(readers: list, fieldname: str) -> Iterator[tuple[bytes, list[tuple[int, TermInfo]]]]:
    """Each term of the field in byte order, with (reader number, term info) of the readers holding it."""
    def terms_of(number: int, reader) -> Iterator[tuple[bytes, int, TermInfo]]:
        for (name, btext), terminfo in reader._terms.items_from(fieldname, b""):
            if name != fieldname:
                return
            yield btext, number, terminfo

    current: bytes = b""
    sources: list[tuple[int, TermInfo]] = []
    for btext, number, terminfo in heapq.merge(*(terms_of(n, r) for n, r in enumerate(readers)),
                                               key=lambda item: (item[0], item[1])):
        if btext != current and sources:
            yield current, sources
            sources = []
        current = btext
        sources.append((number, terminfo))
    if sources:
        yield current, sources


def _moved_blocks(reader, terminfo: TermInfo, base: int) -> Iterator[bytes]:
    """The posting list's blocks as ArrayPostingsWriter writes them, document numbers + base."""
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it as struct.unpack's tuple
        length = length[0]
    raw = reader._terms._postfile.get(offset, length)
    position = 4  # after the list's magic
    while True:
        layout = block_layout(raw, position)
        end = layout.following if layout.following >= 0 else len(raw)
        ids = np.frombuffer(raw, dtype="<u4", count=layout.count, offset=layout.ids_offset)
        header = _HEADER.pack(layout.count, layout.max_id + base, layout.max_weight, layout.min_length_byte,
                              layout.max_length_byte, layout.weight_kind, layout.value_kind, layout.values_size)
        yield header + (ids + np.uint32(base)).astype("<u4").tobytes() + raw[layout.weights_offset:end]
        if layout.following < 0:
            return
        position = layout.following


def _merged_info(sources: list[tuple[int, TermInfo]], bases: list[int]) -> TermInfo:
    infos = [terminfo for _, terminfo in sources]
    min_lengths = [info.min_length() for info in infos if info.min_length() is not None]
    first, last = sources[0], sources[-1]
    return TermInfo(weight=sum(info.weight() for info in infos), df=sum(info.doc_frequency() for info in infos),
                    minlength=min(min_lengths) if min_lengths else None,
                    maxlength=max(info.max_length() for info in infos),
                    maxweight=max(info.max_weight() for info in infos),
                    minid=first[1].min_id() + bases[first[0]], maxid=last[1].max_id() + bases[last[0]])


def _add_one_by_one(fieldwriter, readers: list, bases: list[int], fieldname: str, btext: bytes,
                    sources: list[tuple[int, TermInfo]]) -> None:
    """Whoosh's way, for posting lists stored inside their term info."""
    fieldobj = fieldwriter._fieldobj
    for number, _ in sources:
        reader = readers[number]
        matcher = reader.postings(fieldname, btext)
        while matcher.is_active():
            docnum = matcher.id()
            length = reader.doc_field_length(docnum, fieldname) if fieldobj.scorable else None
            fieldwriter.add(docnum + bases[number], matcher.weight(), matcher.value() or b"", length)
            matcher.next()
