"""Demo material of WGETI (seeds 002 and 004), called by `att_portal.demo.seed`; each area
adds its own function here."""

from __future__ import annotations


def seed(people: dict, states: dict, meetings: dict, cycles: dict) -> None:
    """Each area of WGETI seeds its part here."""
