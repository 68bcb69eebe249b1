"""« Administration › Utilisateurs »: the organisation's members, invitations, and its 2FA rule."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.emails import send_invitation
from accounts.forms import GrantForm, InviteForm, OrganisationSecurityForm
from accounts.grants import MemberError, can_manage, limited_to
from establishments.decorators import role_required
from establishments.middleware import EstablishmentRequest

ADMIN = "administrateur"


def _back(request: EstablishmentRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("members:list", kwargs={"uai": request.establishment.uai}))


def _grant_kwargs(request: EstablishmentRequest) -> dict:
    return {"establishments": request.accessible_establishments, "limited": bool(limited_to(request.membership))}


@role_required(ADMIN)
@require_http_methods(["GET"])
def members(request: EstablishmentRequest, uai: str) -> HttpResponse:
    organisation = request.organisation
    context = {
        "rows": selectors.organisation_members(actor=request.membership),
        "invitations": selectors.pending_invitations(organisation=organisation),
        "security_form": OrganisationSecurityForm(
            initial={"administrateurs_totp_required": organisation.administrateurs_totp_required}
        ),
    }
    return render(request, "accounts/members.html", context)


@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def invite(request: EstablishmentRequest, uai: str) -> HttpResponse:
    form = InviteForm(request.POST or None, **_grant_kwargs(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = services.member_invite(
                actor_membership=request.membership, email=form.cleaned_data["email"], grant=form.grant()
            )
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            link = request.build_absolute_uri(reverse("accounts:invitation", kwargs={"token": token}))
            send_invitation(invitation, link=link, inviter_label=request.user.get_username())
            messages.success(request, f"Invitation envoyée à {invitation.email} (lien valable 7 jours).")
            return _back(request)
    return render(request, "accounts/invite.html", {"form": form})


@role_required(ADMIN)
@require_http_methods(["GET", "POST"])
def member_edit(request: EstablishmentRequest, uai: str, member_id: int) -> HttpResponse:
    member = selectors.member_of(organisation=request.organisation, member_id=member_id)
    if not can_manage(request.membership, member):
        return render(request, "accounts/member_readonly.html", {"member": member}, status=403)
    form = GrantForm(request.POST or None, initial=GrantForm.initial_for(member), **_grant_kwargs(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor_membership=request.membership, membership=member, grant=form.grant())
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Accès de {member.user.get_username()} enregistrés.")
            return _back(request)
    return render(request, "accounts/member_edit.html", {"form": form, "member": member})


@role_required(ADMIN)
@require_POST
def member_deactivate(request: EstablishmentRequest, uai: str, member_id: int) -> HttpResponse:
    member = selectors.member_of(organisation=request.organisation, member_id=member_id)
    try:
        services.membership_deactivate(actor_membership=request.membership, membership=member)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{member.user.get_username()} est désactivé : il ne peut plus se connecter ici.")
    return _back(request)


@role_required(ADMIN)
@require_POST
def member_reactivate(request: EstablishmentRequest, uai: str, member_id: int) -> HttpResponse:
    member = selectors.member_of(organisation=request.organisation, member_id=member_id)
    services.membership_reactivate(actor_membership=request.membership, membership=member)
    messages.success(request, f"{member.user.get_username()} est réactivé.")
    return _back(request)


@role_required(ADMIN)
@require_POST
def invitation_cancel(request: EstablishmentRequest, uai: str, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_of(organisation=request.organisation, invitation_id=invitation_id)
    services.invitation_cancel(actor_membership=request.membership, invitation=invitation)
    messages.success(request, f"Invitation de {invitation.email} annulée : son lien ne fonctionne plus.")
    return _back(request)


@role_required(ADMIN)
@require_POST
def security(request: EstablishmentRequest, uai: str) -> HttpResponse:
    form = OrganisationSecurityForm(request.POST)
    form.is_valid()
    required = bool(form.cleaned_data.get("administrateurs_totp_required"))
    services.organisation_totp_set(actor_membership=request.membership, required=required)
    state = "obligatoire" if required else "facultative"
    messages.success(request, f"La double authentification est {state} pour les administrateurs.")
    return _back(request)
