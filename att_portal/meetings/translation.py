"""What the Secretariat writes for a meeting, in the six UN languages (English required; a
missing language falls back to English, marked as such). Read by django-modeltranslation."""

from att_portal.l10n.content import register_content

from .models import Meeting, MeetingCall, MeetingMessage, MeetingSession

register_content(Meeting, ("title", "venue"))
register_content(MeetingSession, ("title",))
register_content(MeetingCall, ("title",))
register_content(MeetingMessage, ("subject", "text"))
