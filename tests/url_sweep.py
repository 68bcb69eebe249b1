"""Enumerates every named URL pattern of the project and classifies it, for the sweep tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Pages that carry neither a UAI nor an object id: they only ever show the visitor's own data.
PUBLIC_URL_NAMES = {
    "landing",
    "login",
    "logout",
    "healthz",
    "readyz",
    # the API's schema and docs page (public on purpose), the user's own establishments and tokens
    "api:schema",
    "api:docs",
    "api:establishments",
    "api:unknown",
    "api_tokens:list",
    "api_tokens:revoke",
    "accounts:account",
    "accounts:password_change",
    "accounts:totp",
    "accounts:totp_remove",
    "accounts:otp_verify",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
}
# Pages whose URL carries an unguessable one-time secret rather than an object id: an invitation link,
# a password reset link. Their own tests check that a wrong, used or expired secret is refused.
TOKEN_URL_NAMES = {"accounts:invitation", "password_reset_confirm"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced name for reverse()
    kwargs: frozenset[str]
    namespaces: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        """An API endpoint: it answers 401 in JSON where a page redirects to the login page."""
        return "api" in self.namespaces

    @property
    def classification(self) -> str:
        if "admin" in self.namespaces:
            return "staff"
        if "uai" in self.kwargs:
            return "uai"
        if self.name in TOKEN_URL_NAMES:
            return "token"
        if self.kwargs:
            return "object"
        if self.name in PUBLIC_URL_NAMES:
            return "public"
        return "unclassified"


def _kwargs(pattern) -> set[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return set(converters)
    return set(pattern.regex.groupindex)


def iter_routes(patterns=None, namespaces: tuple[str, ...] = (), inherited: frozenset[str] = frozenset()):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        kwargs = inherited | _kwargs(entry.pattern)
        if isinstance(entry, URLResolver):
            child_ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from iter_routes(entry.url_patterns, child_ns, frozenset(kwargs))
        elif isinstance(entry, URLPattern):
            name = ":".join([*namespaces, entry.name]) if entry.name else ""
            yield Route(name=name, kwargs=frozenset(kwargs), namespaces=namespaces)
