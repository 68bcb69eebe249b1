"""The version of an establishment's SIECLE data changes with every write, again once it commits."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from siecle.versions import siecle_data_version

pytestmark = pytest.mark.django_db


def _version(establishment_id: int = 1, school_year: int = 2026) -> str:
    return siecle_data_version(establishment_id=establishment_id, school_year=school_year).current()


def _write(establishment_id: int = 1, school_year: int = 2026) -> None:
    siecle_data_version(establishment_id=establishment_id, school_year=school_year).changed()


def test_it_keeps_the_version_while_nothing_is_written():
    assert _version() == _version()


def test_a_write_changes_the_version_inside_its_transaction(django_capture_on_commit_callbacks):
    before = _version()
    with django_capture_on_commit_callbacks(execute=False):
        _write()
        assert _version() != before


def test_a_write_changes_the_version_again_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _write()
        during = _version()
    assert _version() != during


def test_each_establishment_and_year_has_its_own_version():
    _write()
    assert len({_version(1, 2026), _version(2, 2026), _version(1, 2025)}) == 3


def test_a_version_lost_with_the_cache_is_drawn_anew():
    before = _version()
    cache.clear()
    assert _version() not in {"", "None", before}
