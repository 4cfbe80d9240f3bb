"""Rows of the authorization matrix, one module per area of the portal.

Each module holds ``OBJECTS`` (name -> callable building a demo object), ``GET_URLS`` and
``POST_URLS`` (row name -> callable building the URL from those objects) and ``EXPECTED``
(demo role -> {row name: status}); anonymous visitors are always sent to sign in (302).
`tests/test_authorization_matrix.py` merges them into the one matrix.
"""

from . import (
    chairs_documents,
    dief_briefings,
    dief_cases,
    dief_challenges,
    dief_experts,
    dief_presentations,
    dief_releases,
    dief_use_requests,
    directory_members,
    directory_names,
    documents_agenda,
    documents_register,
    meetings_admin,
    meetings_dief_president,
    meetings_participants,
    wgeti_calls,
    wgeti_guides,
    wgeti_structure,
)

AREAS = (
    dief_cases,
    dief_presentations,
    dief_use_requests,
    dief_challenges,
    dief_briefings,
    dief_experts,
    dief_releases,
    wgeti_structure,
    wgeti_calls,
    wgeti_guides,
    meetings_admin,
    meetings_participants,
    meetings_dief_president,
    documents_register,
    documents_agenda,
    chairs_documents,
    directory_names,
    directory_members,
)
