"""Document titles and the Chairs' agenda items in the six UN languages (English required;
a missing language falls back to English, marked as such). Read by django-modeltranslation."""

from att_portal.l10n.content import register_content

from .models import AgendaItem, Document

register_content(Document, ("title",))
register_content(AgendaItem, ("title", "annotation"))
