"""API clients authenticated with a personal access token, for the personas of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from api.services import api_token_create


@pytest.fixture
def token_for() -> Callable[..., str]:
    """A fresh clear token for ``user``: ``token_for(admin_user)``."""

    def make(user, **kwargs) -> str:
        kwargs.setdefault("name", "ENT")
        return api_token_create(user=user, **kwargs)[1]

    return make


@pytest.fixture
def api_for(token_for) -> Callable[..., APIClient]:
    """An API client sending ``Authorization: Bearer <token>`` for ``user``."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make
