"""Cursor pagination: stable pages while rows are added (an import running), and no COUNT(*)."""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request

MAX_PAGE_SIZE = 500


class ApiCursorPagination(CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    cursor_query_description = "Curseur de la page, tel que donné par « next » ou « previous »."
    page_size_query_description = f"Nombre d'éléments par page (100 par défaut, {MAX_PAGE_SIZE} au plus)."
    invalid_cursor_message = "Curseur invalide : reprenez l'adresse donnée par « next » ou « previous »."

    def decode_cursor(self, request: Request) -> Any:
        # DRF answers 404 to a damaged cursor; it is a bad parameter (400), like any other.
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None


class CursorInput(serializers.Serializer):
    """The pagination parameters, validated like any other input (a bad value answers 400)."""

    cursor = serializers.CharField(
        required=False, max_length=1000, help_text="Curseur donné par « next » ou « previous »."
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, help_text="Éléments par page (100 par défaut)."
    )


@cache
def cursor_page_serializer(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The documented envelope of a cursor page of ``item`` (``next``, ``previous``, ``results``)."""
    name = item.__name__.removesuffix("Serializer").removesuffix("Output")
    fields = {
        "next": serializers.URLField(allow_null=True, help_text="Page suivante, ou null."),
        "previous": serializers.URLField(allow_null=True, help_text="Page précédente, ou null."),
        "results": item(many=True),
    }
    return type(f"{name}PageSerializer", (serializers.Serializer,), fields)
