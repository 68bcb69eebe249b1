# The student search compares names without accents (siecle/search.py). A no-op on SQLite; on PostgreSQL
# unaccent is a trusted extension (13+), so the database owner may create it.
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("siecle", "0002_address")]

    operations = [UnaccentExtension()]
