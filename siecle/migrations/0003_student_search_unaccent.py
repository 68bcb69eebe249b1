from __future__ import annotations

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive student search: PostgreSQL's ``unaccent`` (a trusted extension since PostgreSQL 13,
    so the database owner may create it). Does nothing on SQLite, where siecle.search registers a function."""

    dependencies = [("siecle", "0002_address")]

    operations = [UnaccentExtension()]
