"""Layers point down: the core (`att_portal/`) never imports the feature apps; they register
into it (policies, dashboard areas, search sections, history kinds, navigation)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from att_portal import registry

pytestmark = pytest.mark.unit

FEATURE_APPS = ("forums", "working_groups", "documents")
CORE = Path(settings.BASE_DIR) / "att_portal"


def module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_core_imports_a_feature_app():
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(
            name for name in module_level_imports(path) if name.split(".")[0] in FEATURE_APPS
        )
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
    }

    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_feature_apps_register_their_search_sections_and_history_kinds():
    assert [p.key for p in registry.search_providers()] == [
        "documents",
        "meetings",
        "states",
        "organisations",
        "people",
        "cases",
        "platform",
        "guides",
        "guide-sections",
        "guide-paragraphs",
        "guide-revisions",
        "wgeti-ad-hoc-proposals",
        "wgeti-offers",
        "wgeti-submissions",
    ]
    assert registry.history_model("case").__module__ == "forums.models"
    assert registry.history_model("wgeti-offer").__module__ == "working_groups.models"
    assert registry.history_model("nothing") is None


@pytest.mark.django_db
def test_dief_search_sections_are_not_offered_to_an_observer():
    from tests.factories import OrganisationUserFactory

    request = RequestFactory().get("/search/")
    request.user = OrganisationUserFactory()
    request.session = {}

    offered = [
        p.key for p in registry.search_providers() if p.results(request, "pistols") is not None
    ]

    assert offered == [
        "documents",
        "meetings",
        "states",
        "organisations",
        "people",
        "guides",
        "guide-sections",
        "guide-paragraphs",
        "guide-revisions",
        "wgeti-ad-hoc-proposals",
        "wgeti-offers",
        "wgeti-submissions",
    ]
