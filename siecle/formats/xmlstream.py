"""Streaming over the record elements of an export with lxml ``iterparse``.

The walker sees every element start and end: each record is yielded once complete, then cleared and
dropped from its parent; every other element (sections, padding, elements the reader does not know) is
cleared and dropped as soon as it ends, wherever it sits. Memory therefore holds one record at a time
whatever the file holds; depth and element counts are capped (``Limits``). libxml2 never loads a DTD,
never expands entities and never touches the network, and a DOCTYPE is refused from the parser's own
view of the prolog (no byte window to fool with a long comment).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree

from siecle.formats.fields import PARSERS, FieldSpec
from siecle.formats.issues import FormatError
from siecle.formats.limits import Limits
from siecle.formats.source import GuardedStream
from siecle.formats.xmlerrors import malformed

Element = etree._Element


class XmlWalker:
    """One pass over a document: ``open_root`` first, then ``records`` once."""

    def __init__(self, stream: GuardedStream, limits: Limits):
        self._stream = stream
        self._limits = limits
        self._events = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )

    def open_root(self) -> Element:
        """Read up to the root element's start tag; refuse a DOCTYPE met on the way."""
        try:
            _event, root = next(self._events)
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc
        except StopIteration as exc:  # pragma: no cover - libxml2 raises on a document without root
            raise FormatError("ROOT_NOT_FOUND", "Aucun élément XML racine : ce n'est pas un export SIECLE.") from exc
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise FormatError(
                "DTD_FORBIDDEN",
                "Le fichier contient une déclaration DOCTYPE : refusée par sécurité (un export SIECLE n'en a pas).",
            )
        return root

    def records(self, tags: Iterable[str]) -> Iterator[Element]:
        """Yield each element whose tag is in ``tags`` once complete; release every element once ended."""
        wanted, limits = frozenset(tags), self._limits
        depth, record_depth, inside, others = 1, 0, 0, 0  # record_depth 0: outside any record
        try:
            for event, element in self._events:
                if event == "start":
                    depth += 1
                    if depth > limits.max_depth:
                        raise too_deep(element, limits.max_depth)
                    if record_depth:
                        inside += 1
                        if inside > limits.max_record_elements:
                            raise record_too_large(element, limits.max_record_elements)
                    elif element.tag in wanted:
                        record_depth, inside = depth, 0
                    else:
                        others += 1
                        if others > limits.max_other_elements:
                            raise too_many_others(element, limits.max_other_elements)
                    continue
                if depth == record_depth:
                    yield element
                    record_depth = 0
                if not record_depth:  # a record's descendants wait for the record's own end
                    _release(element)
                depth -= 1
        except etree.XMLSyntaxError as exc:
            raise self._malformed(exc) from exc

    def _malformed(self, exc: etree.XMLSyntaxError) -> FormatError:
        # An error on the very last line of a fully read file means the end is missing.
        stream = self._stream
        return malformed(exc, truncated=stream.at_eof and exc.position[0] >= stream.newlines + 1)


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
        f"« {element.tag} ») : ce n'est pas un export SIECLE tel que SIECLE le produit.",
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
        entry = table.get(child.tag)  # type: ignore[call-overload]
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
            bad.append((child.tag, text))  # type: ignore[arg-type]
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
