"""factory_boy factory for jobs: a queued import of the establishment, as the page would create it."""

from __future__ import annotations

import factory
from django_scopes import scopes_disabled
from factory.django import DjangoModelFactory

from establishments.school_years import current_school_year
from jobs.models import Job, JobKind
from tests.factories import EstablishmentFactory


class JobFactory(DjangoModelFactory):
    class Meta:
        model = Job

    establishment = factory.SubFactory(EstablishmentFactory)
    organisation = factory.SelfAttribute("establishment.organisation")
    school_year = factory.LazyFunction(current_school_year)
    kind = JobKind.IMPORT_SIECLE
    options = factory.LazyFunction(lambda: {"source": "files", "preview": True})
    requested_by_label = "alice"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return model_class.objects.create(*args, **kwargs)
