from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def role_required(*roles: str) -> Callable:
    """403 unless the member of the URL's establishment holds one of ``roles``.

    Only for views under ``/e/<uai>/``: the middleware has already answered 404 to non-members.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = getattr(request, "membership", None)
            if membership is None or not membership.has_role(*roles):
                raise PermissionDenied("Votre rôle ne permet pas cette action.")
            return view(request, *args, **kwargs)

        # Read by the role sweep test (tests/test_isolation.py): a plain function attribute.
        wrapper.required_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorator
