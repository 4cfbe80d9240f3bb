"""Document titles and the Chairs' agenda items in the six UN languages (English required;
a missing language falls back to English, marked as such). Read by django-modeltranslation."""

from att_portal.l10n.content import register_content

from .models import AgendaItem, ChairReport, Document, Letter, ReportSection

register_content(Document, ("title",))
register_content(AgendaItem, ("title", "annotation"))
register_content(Letter, ("addressees", "place", "body", "signature"))
register_content(ChairReport, ("title", "recommendations"))
register_content(ReportSection, ("heading", "text"))
