"""Factories of the DIEF's material."""

import factory

from forums.enums import DetectionTimeliness, Investigation
from forums.models import Case, CasePresentation, ExpertAdmission, PlatformItem

from . import DiefMeetingFactory, OrganisationUserFactory, UserFactory


class CaseFactory(factory.django.DjangoModelFactory):
    """CaseFactory(provider=a_delegate) shares a case of that delegate's State."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    class Params:
        provider = factory.SubFactory(UserFactory)

    created_by = factory.SelfAttribute("provider")
    provider_state = factory.SelfAttribute("provider.state")
    title = factory.Sequence(lambda n: f"Case {n}")
    summary = "Summary of the case."
    diversion_details = "How the weapons were diverted."
    detection_details = "How the diversion was detected."
    detection_timeliness = DetectionTimeliness.IN_TRANSIT
    methods_and_means = "Falsified documents."
    investigation = Investigation.ONGOING


class PlatformItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformItem
        skip_postgeneration_save = True

    class Params:
        provider = factory.SubFactory(UserFactory)

    created_by = factory.SelfAttribute("provider")
    provider_state = factory.SelfAttribute("provider.state")
    title = factory.Sequence(lambda n: f"Platform item {n}")
    summary = "Summary of the information."
    information = "The information shared."


class CasePresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasePresentation

    case = factory.SubFactory(CaseFactory)
    meeting = factory.SubFactory(DiefMeetingFactory)
    intended_by = factory.SelfAttribute("case.created_by")


class ExpertAdmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertAdmission

    presentation = factory.SubFactory(CasePresentationFactory)
    expert = factory.SubFactory(OrganisationUserFactory)
    admitted_by = factory.SelfAttribute("presentation.intended_by")
