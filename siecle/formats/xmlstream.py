"""Streaming over the record elements of an export with lxml ``iterparse``.

Only the root, PARAMETRES and record tags reach Python (lxml's tag filter runs in C, so the thousands of
field elements cost nothing here). Each record is yielded once complete, then cleared and dropped from
its parent. Everything else (sections, padding, elements the reader does not know) is pruned before
each read of the next chunk: at that moment every event of the chunk before was handled, so each
completed element outside the open record can go, wherever it sits. Memory therefore holds one chunk
and one record whatever the file holds; the elements pruned, the open record's size and the nesting
depth are capped (``Limits``). libxml2 never loads a DTD, never expands entities and never touches the
network, and a DOCTYPE is refused from the parser's own view of the prolog (no byte window to fool
with a long comment).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from itertools import chain
from typing import Any, cast

from lxml import etree

from siecle.formats.fields import PARSERS, FieldSpec
from siecle.formats.issues import FormatError
from siecle.formats.limits import DEFAULT_LIMITS, Limits
from siecle.formats.source import GuardedStream
from siecle.formats.xmlerrors import malformed

Element = etree._Element

_COUNT_DESCENDANTS = etree.XPath("count(descendant::*)")


class XmlWalker:
    """One pass over a document: ``open_root`` first, then ``records`` once.

    ``tags`` are every tag that may matter (roots, PARAMETRES, the records of every kind): only they
    reach Python.
    """

    def __init__(self, stream: GuardedStream, limits: Limits, tags: Collection[str]):
        self._stream = stream
        self._limits = limits
        self._root: Element | None = None
        self._record: Element | None = None  # the record being read, never pruned
        self._pruned = 0
        self._pending: list[tuple[str, Element]] = []
        stream.before_read = self._prune
        self._events = etree.iterparse(
            stream,
            events=("start", "end"),
            tag=tuple(tags),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )

    def open_root(self) -> Element:
        """Parse up to the first element of interest; refuse a DOCTYPE met on the way. Returns the root."""
        try:
            _event, first = next(self._events)
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc
        except StopIteration as exc:  # a small document without any tag of interest: its root is known now
            if self._events.root is None:
                raise root_not_found() from exc
            first = self._events.root
        docinfo = first.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise FormatError(
                "DTD_FORBIDDEN",
                "Le fichier contient une déclaration DOCTYPE : refusée par sécurité (un export SIECLE n'en a pas).",
            )
        self._root = first.getroottree().getroot()
        if first is not self._root:  # the root's tag is not of interest: this start belongs to ``records``
            self._pending.append(("start", first))
        return self._root

    def records(self, wanted: Collection[str]) -> Iterator[Element]:
        """Yield each element whose tag is in ``wanted`` once complete (not those nested in a record)."""
        depth, record_depth = 1, 0  # depth among the filtered elements; 0: outside any record
        try:
            for event, element in chain(self._pending, self._events):
                if event == "start":
                    depth += 1
                    if not record_depth and element.tag in wanted:
                        record_depth, self._record = depth, element
                    continue
                if depth == record_depth:
                    yield element
                    _release(element)
                    record_depth, self._record = 0, None
                depth -= 1
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc

    def _prune(self) -> None:
        """Drop every completed element outside the open record (called before each read)."""
        if self._root is None:
            if self._stream.bytes_read > self._limits.head_bytes * 16:
                raise root_not_found()
            return
        node, depth = self._root, 1
        while len(node) and node is not self._record:
            if len(node) > 1:
                self._pruned += int(_COUNT_DESCENDANTS(node) - _COUNT_DESCENDANTS(node[-1])) - 1
                del node[:-1]
            node, depth = node[-1], depth + 1
        if self._pruned > self._limits.max_other_elements:
            raise too_many_others(node, self._limits.max_other_elements)
        if depth > self._limits.max_depth:
            raise too_deep(node, self._limits.max_depth)
        if node is self._record and _COUNT_DESCENDANTS(node) > self._limits.max_record_elements:
            raise record_too_large(node, self._limits.max_record_elements)

    def _malformed(self, exc: etree.XMLSyntaxError) -> FormatError:
        # An error on the very last line of a fully read file means the end is missing.
        stream = self._stream
        return malformed(exc, truncated=stream.at_eof and exc.position[0] >= stream.newlines + 1)


def iter_records(stream: GuardedStream, tags: Collection[str], *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Element]:
    """Every element of ``tags`` once complete, from any root (a DOCTYPE is refused), in flat memory.

    For readers of other Ministry formats (STS-Web…) that check the root themselves.
    """
    walker = XmlWalker(stream, limits, tags)
    walker.open_root()
    return walker.records(frozenset(tags))


def root_not_found() -> FormatError:
    return FormatError(
        "ROOT_NOT_FOUND",
        "Aucun élément racine d'export SIECLE (BEE_ELEVES, BEE_RESPONSABLES, BEE_NOMENCLATURES, "
        "BEE_STRUCTURES) au début du fichier : ce n'est pas un export SIECLE.",
    )


def _release(element: Element) -> None:
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def too_deep(element: Element, limit: int) -> FormatError:
    return FormatError(
        "XML_TOO_DEEP",
        f"Structure XML anormale : plus de {limit} niveaux d'éléments imbriqués (ligne {element.sourceline}). "
        "Ce n'est pas un export SIECLE tel que SIECLE le produit.",
        line=element.sourceline,
    )


def tag_of(element: Element) -> str:
    """The element's name: lxml types it broadly (bytes and QName are possible when code sets a tag), but a
    tag read from a parsed document is always ``str``."""
    return cast(str, element.tag)


def record_too_large(element: Element, limit: int) -> FormatError:
    return FormatError(
        "RECORD_TOO_LARGE",
        f"Fiche anormale : plus de {_number(limit)} éléments dans une seule fiche (ligne {element.sourceline}). "
        "Ce n'est pas un export SIECLE tel que SIECLE le produit.",
        line=element.sourceline,
    )


def too_many_others(element: Element, limit: int) -> FormatError:
    return FormatError(
        "UNKNOWN_ELEMENTS",
        f"Plus de {_number(limit)} éléments inconnus en dehors des fiches (ligne {element.sourceline}, "
        f"« {tag_of(element)} ») : ce n'est pas un export SIECLE tel que SIECLE le produit.",
        line=element.sourceline,
    )


def _number(value: int) -> str:
    return f"{value:_}".replace("_", "\u202f")  # French thousands separator


def clean(text: str | None) -> str | None:
    """Trimmed text, or None when absent, empty or blank (``"     "`` postal codes)."""
    if text is None:
        return None
    return text.strip() or None


def read_fields(element: Element, spec: FieldSpec) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Values of the children named in ``spec``, converted; plus (element, text) that did not parse."""
    table = _compiled(spec)
    values: dict[str, Any] = {}
    bad: list[tuple[str, str]] = []
    for child in element:
        entry = table.get(tag_of(child))
        if entry is None:
            continue
        text = child.text
        if text is None or not (text := text.strip()):
            continue
        name, parser = entry
        if parser is None:
            values[name] = text
            continue
        try:
            values[name] = parser(text)
        except ValueError:
            bad.append((tag_of(child), text))
    return values, bad


_COMPILED: dict[int, dict[str, tuple[str, Callable[[str], Any] | None]]] = {}


def _compiled(spec: FieldSpec) -> dict[str, tuple[str, Callable[[str], Any] | None]]:
    """``spec`` with each Lex resolved to its parser once: this loop runs for every element."""
    table = _COMPILED.get(id(spec))
    if table is None:
        table = _COMPILED[id(spec)] = {tag: (name, PARSERS[lex]) for tag, (name, lex) in spec.items()}
    return table


def child_texts(element: Element, path: str) -> tuple[str, ...]:
    """Non-empty trimmed texts at ``path`` below ``element``, in document order."""
    texts = (clean(found.text) for found in element.iterfind(path))
    return tuple(text for text in texts if text)


def attribute(element: Element, name: str) -> str | None:
    return clean(element.get(name))
