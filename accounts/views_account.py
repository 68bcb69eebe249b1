"""« Mon compte » (password, two-factor authentication), the login's second step, the invitation page
and the password reset by e-mail (Django's views, French templates, a journal entry)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from accounts import services, totp
from accounts.forms import AcceptInvitationForm, TotpTokenForm
from accounts.grants import MemberError
from audit.kinds import AuditKind
from audit.services import audit_record_for_user
from establishments.middleware import AuthenticatedRequest


@login_required
def account(request: AuthenticatedRequest) -> HttpResponse:
    context = {"totp_enabled": totp.totp_enabled(request.user), "totp_required": totp.totp_required(request.user)}
    return render(request, "accounts/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record_for_user(user=form.user, kind=AuditKind.PASSWORD_CHANGED, summary="Mot de passe modifié.")
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record_for_user(
            user=form.user, kind=AuditKind.PASSWORD_RESET, summary="Mot de passe réinitialisé par e-mail."
        )
        return response


def _next(request: AuthenticatedRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else reverse("landing")


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: AuthenticatedRequest) -> HttpResponse:
    """Enrol an authenticator application: scan the code, type a first code to confirm."""
    device = totp.totp_pending_device(request.user)
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp.totp_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, "Double authentification activée : un code vous sera demandé à chaque connexion.")
            return HttpResponseRedirect(_next(request))
        form.add_error("token", "Code incorrect : vérifiez l'heure du téléphone et saisissez le code affiché.")
    context = {
        "form": form,
        "qr_svg": totp.totp_qr_svg(device),
        "secret": totp.totp_secret(device),
        "required": totp.totp_required(request.user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/totp_setup.html", context)


@login_required
@require_POST
def totp_remove(request: AuthenticatedRequest) -> HttpResponse:
    try:
        totp.totp_disable(user=request.user)
    except totp.TotpError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Double authentification désactivée.")
    return redirect("accounts:account")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthenticatedRequest) -> HttpResponse:
    """The login's second step: the code of the authenticator application."""
    if request.user.is_verified():  # type: ignore[attr-defined]  # added by django_otp's OTPMiddleware
        return HttpResponseRedirect(_next(request))
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        form.add_error("token", "Code incorrect ou déjà utilisé : saisissez le code affiché par votre application.")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": request.GET.get("next", "")})


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation(request: AuthenticatedRequest, token: str) -> HttpResponse:
    found = services.invitation_for_token(token)
    if found is None:
        raise Http404("Invitation inconnue.")
    if not found.is_pending():
        return render(request, "accounts/invitation_invalid.html", {"invitation": found}, status=410)
    form = AcceptInvitationForm(request.POST or None, initial={"username": found.email.split("@")[0]})
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=found, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
            )
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Bienvenue ! Votre compte dans {found.organisation.name} est prêt.")
            return redirect("landing")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": found})
