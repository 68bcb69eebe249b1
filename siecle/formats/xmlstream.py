"""Streaming over the record elements of an export with lxml ``iterparse``.

Only the record tags are reported; each record is cleared once handled and dropped from its
parent, so memory stays flat whatever the number of pupils. libxml2 never loads a DTD, never
expands entities and never touches the network (a DOCTYPE is refused earlier, in sniffing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from lxml import etree

from siecle.formats.fields import PARSERS, FieldSpec
from siecle.formats.issues import FormatError
from siecle.formats.source import GuardedStream

Element = etree._Element


def iter_records(stream: GuardedStream, tags: Iterable[str]) -> Iterator[Element]:
    """Yield each element whose tag is in ``tags`` once complete; clear it afterwards."""
    context = etree.iterparse(
        stream,
        events=("end",),
        tag=tuple(tags),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for _event, element in context:
            yield element
            _release(element)
    except etree.XMLSyntaxError as exc:
        raise malformed(exc, stream) from exc


def _release(element: Element) -> None:
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def malformed(exc: etree.XMLSyntaxError, stream: GuardedStream) -> FormatError:
    line, column = exc.position
    detail = str(exc.msg or exc).split(", line ")[0]
    # An error on the very last line of a fully read file means the end is missing.
    truncated = stream.at_eof and line >= stream.newlines + 1
    hint = " Le fichier semble tronqué (fin manquante)." if truncated else ""
    return FormatError(
        "XML_MALFORMED",
        f"XML mal formé, ligne {line}, colonne {column} : {detail}.{hint}",
        line=line,
        column=column,
    )


def tag_of(element: Element) -> str:
    """The element's name: lxml types it broadly (bytes and QName are possible when code sets a tag), but a
    tag read from a parsed document is always ``str``."""
    return cast(str, element.tag)


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
