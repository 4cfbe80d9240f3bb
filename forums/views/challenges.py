"""Disclosure challenges (ToR art. 15): raised bilaterally, answered by the challenged
participant, a State or a non-state expert."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from att_portal import access, marking
from att_portal.access import Action
from att_portal.refusals import add_refusal, submitted

from ..forms.bilateral import ChallengeAnswerForm, ChallengeForm
from ..models import DisclosureChallenge
from ..permissions import DiefAction, admits_experts
from ..services.challenges import challenge_answer, challenge_raise, challenger_capacities


def _challenges(user):
    return access.visible(user, DisclosureChallenge).select_related(
        "challenger_state", "challenged_state", "challenged_expert", "raised_by", "answered_by"
    )


@admits_experts
def challenge_list(request: HttpRequest) -> HttpResponse:
    challenges = list(_challenges(request.user))
    marking.note(request, challenges)
    return render(
        request,
        "forums/challenges/list.html",
        {"challenges": challenges, "may_raise": bool(challenger_capacities(request.user))},
    )


@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not challenger_capacities(user):
        raise PermissionDenied
    form = ChallengeForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            challenge = challenge_raise(
                by=user,
                challenged_state=data.get("challenged_state"),
                challenged_expert=data.get("challenged_expert"),
                description=data["description"],
                case=data.get("case"),
                platform_item=data.get("platform_item"),
                capacity=data.get("capacity"),
            )
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("The challenge is sent to the challenged participant."))
            return redirect("dief:challenge_detail", pk=challenge.pk)
    return render(request, "forums/challenges/new.html", {"form": form})


@admits_experts
def challenge_detail(request: HttpRequest, pk: int, *, form=None) -> HttpResponse:
    user = request.user
    challenge = access.get_visible_or_404(user, _challenges(user), pk=pk)
    marking.note(request, challenge)
    subject = challenge.case or challenge.platform_item
    may_answer = challenge.answered_at is None and access.can(user, DiefAction.REPLY, challenge)
    return render(
        request,
        "forums/challenges/detail.html",
        {
            "challenge": challenge,
            # The item is named only to whom it is visible: the challenge does not open it.
            "subject": subject if subject and access.can(user, Action.VIEW, subject) else None,
            "form": form or (ChallengeAnswerForm() if may_answer else None),
            "may_see_history": access.can(user, Action.VIEW_HISTORY, challenge),
        },
    )


@admits_experts
@require_POST
def challenge_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access.get_visible_or_404(request.user, DisclosureChallenge, pk=pk)
    access.require(request.user, DiefAction.REPLY, challenge)
    form = ChallengeAnswerForm(request.POST)
    if submitted(form, challenge_answer, by=request.user, challenge=challenge):
        messages.success(request, _("Your answer is recorded."))
        return redirect("dief:challenge_detail", pk=pk)
    return challenge_detail(request, pk, form=form)


urls = [
    path("challenges/", challenge_list, name="challenge_list"),
    path("challenges/new/", challenge_new, name="challenge_new"),
    path("challenges/<id:pk>/", challenge_detail, name="challenge_detail"),
    path("challenges/<id:pk>/answer/", challenge_answer_view, name="challenge_answer"),
]
