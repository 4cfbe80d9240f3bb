"""The multi-year workplan and the sub-working groups in the six UN languages (English
required; a missing language falls back to English, marked as such). Read by
django-modeltranslation."""

from att_portal.l10n.content import register_content

from .models import ImplementationQuestion, Phase, SubWorkingGroup, Topic

register_content(SubWorkingGroup, ("name", "mandate"))
register_content(Phase, ("title",), history=False)
register_content(Topic, ("title",), history=False)
register_content(ImplementationQuestion, ("text",), history=False)
