"""Demo material of the DIEF: fictional cases and platform items of the demo States.
Called by `att_portal.demo.seed`; each area of the forum adds its own function here."""

from __future__ import annotations

from att_portal.directory.models import User

from .enums import DetectionTimeliness, Distribution, Investigation
from .models import Case, PlatformItem
from .services.shared import shared_item_save

AUSTRIAN_CASE = "Pistols exported under licence found at a crime scene abroad"
NARROWED_CASE = "Broker network using falsified end-user certificates"
THAI_ITEM = "Rifle parts concealed in agricultural machinery"
NARROWED_ITEM = "Transit route through a free-trade zone"


def seed(people: dict[str, User], states: dict, meetings: dict) -> None:
    _cases(people, states)


def _cases(people, states) -> None:
    austria, thailand = people["delegate-sp"], people["delegate-sig"]
    for by, model, title, fields, categories, named in [
        (
            austria,
            Case,
            AUSTRIAN_CASE,
            {
                "summary": "Twelve pistols of an Austrian manufacturer, exported under licence "
                "in 2019, were recovered by police in a third country.",
                "diversion_details": "The pistols left the authorised end user's armoury "
                "between 2020 and 2022; serial numbers match the export licence.",
                "detection_details": "Tracing request received through INTERPOL iARMS.",
                "detection_timeliness": DetectionTimeliness.AFTER_DELIVERY,
                "methods_and_means": "Theft from storage, sold on through an informal market.",
                "actors": "Two employees of the end user; one intermediary.",
                "investigation": Investigation.ONGOING,
            },
            ["a", "d"],
            [],
        ),
        (
            austria,
            Case,
            NARROWED_CASE,
            {
                "summary": "End-user certificates bearing forged stamps were submitted with "
                "three licence applications.",
                "diversion_details": "Attempted diversion; no export took place.",
                "detection_details": "The licensing authority checked the certificates with "
                "the issuing ministry.",
                "detection_timeliness": DetectionTimeliness.BEFORE_EXPORT,
                "methods_and_means": "Falsified documents, shell companies in two States.",
                "investigation": Investigation.CLOSED,
                "distribution": Distribution.NAMED_STATES,
            },
            ["c"],
            [states["DE"]],
        ),
        (
            thailand,
            PlatformItem,
            THAI_ITEM,
            {
                "summary": "Customs found rifle receivers inside harvesters declared as spare "
                "parts.",
                "information": "X-ray images showed dense objects in the gearbox housings.",
            },
            ["e", "f"],
            [],
        ),
        (
            austria,
            PlatformItem,
            NARROWED_ITEM,
            {
                "summary": "A pattern of re-exports through a free-trade zone.",
                "information": "Shipments change paperwork in the zone before onward transit.",
                "distribution": Distribution.NAMED_STATES,
            },
            ["b"],
            [states["TH"]],
        ),
    ]:
        item = model.objects.filter(title=title).first() or model(title=title)
        for name, value in fields.items():
            setattr(item, name, value)
        shared_item_save(by=by, item=item, categories=categories, named=named)
