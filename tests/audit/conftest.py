"""The certificate builders of the certificates tests, for the journal tests."""

from __future__ import annotations

from tests.certificates.conftest import make_p12, test_ca  # noqa: F401 - fixtures
