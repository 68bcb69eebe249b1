"""Addresses become a table shared by students and guardians (the JSON copies are dropped).

Not released yet: the next import of the files fills the table and the links again.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def _text(verbose_name: str, max_length: int) -> models.CharField:
    return models.CharField(blank=True, max_length=max_length, null=True, verbose_name=verbose_name)


def _address_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name=related_name,
        to="siecle.address", verbose_name="adresse",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("establishments", "0001_initial"),
        ("siecle", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Address",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("school_year", models.PositiveSmallIntegerField(verbose_name="année scolaire")),
                ("address_id", models.CharField(max_length=20, verbose_name="ADRESSE_ID")),
                ("line1", _text("ligne 1", 200)),
                ("line2", _text("ligne 2", 200)),
                ("line3", _text("ligne 3", 200)),
                ("line4", _text("ligne 4", 200)),
                ("foreign_town", _text("commune étrangère", 200)),
                ("postal_code", _text("code postal", 20)),
                ("country_code", _text("code pays", 10)),
                ("country_label", _text("pays", 100)),
                ("insee_code", _text("code commune INSEE", 10)),
                ("department_code", _text("code département", 10)),
                ("postal_label", _text("libellé postal", 200)),
                ("establishment", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+",
                    to="establishments.establishment", verbose_name="établissement",
                )),
            ],
            options={"verbose_name": "adresse", "ordering": ["address_id"]},
        ),
        migrations.AddConstraint(
            model_name="address",
            constraint=models.UniqueConstraint(
                fields=("establishment", "school_year", "address_id"), name="siecle_address_unique_per_year"
            ),
        ),
        # jsonb cannot become a uuid key: drop the copies, then add the foreign keys.
        migrations.RemoveField(model_name="student", name="address"),
        migrations.RemoveField(model_name="guardian", name="address"),
        migrations.AddField(model_name="student", name="address", field=_address_field("students")),
        migrations.AddField(model_name="guardian", name="address", field=_address_field("guardians")),
    ]
