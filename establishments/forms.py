from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from establishments.throttling import login_failure_record, login_is_throttled, login_success_record

THROTTLED_MESSAGE = "Trop de tentatives de connexion ont échoué. Par sécurité, attendez 15 minutes avant de réessayer."


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Identifiant ou mot de passe incorrect.",
    }

    def clean(self) -> dict[str, Any]:
        assert self.request is not None  # LoginView always gives the form its request
        username = self.cleaned_data.get("username") or ""
        if login_is_throttled(self.request, username):
            raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failure_record(self.request, username)
            raise
        login_success_record(self.request, username)
        return cleaned
