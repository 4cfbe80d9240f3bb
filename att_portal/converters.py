"""The path converter for the ids in the portal's addresses: ``<id:pk>``.

Django's ``<int:…>`` takes any number of digits, and an id beyond what the database holds
overflows the query (a 500 instead of a 404). ``<id:…>`` takes at most 19 digits and a
value a 64-bit primary key can have; anything else matches no address, so it is a 404.
Every id in an address uses it; tests/test_no_500.py fails on a new ``<int:…>`` id.
"""

from __future__ import annotations

from django.urls import register_converter

from att_portal.fields import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # Django's answer to a ValueError here: no match, 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, "id")
