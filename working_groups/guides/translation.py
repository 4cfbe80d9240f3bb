"""The guides' texts in the six UN languages (English required; others fall back to it)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FactSheet, Guide, GuideBlock, GuideSection, RevisionChange


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(GuideSection)
class GuideSectionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(GuideBlock)
class GuideBlockTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(FactSheet)
class FactSheetTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(RevisionChange)
class RevisionChangeTranslation(TranslationOptions):
    fields = ("new_text",)
