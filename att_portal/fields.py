"""Form fields shared by the apps."""

from __future__ import annotations

from django import forms

from att_portal.widgets import StateMultiPicker, StatePicker

# The largest primary key the databases store (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids no database can hold with the field's own message
    (instead of an overflow in the database driver)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not text.isdigit() or int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class _StatesByName(forms.models.ModelChoiceIterator):
    """Iterates the States of a picker in the order of their UN names in the reader's
    language (decided when the form is shown, not when it is built)."""

    def __iter__(self):
        from att_portal.directory.un_names import by_name

        self.queryset = self.queryset.order_by(by_name())
        yield from super().__iter__()


class StateChoiceField(forms.ModelChoiceField):
    """One State, picked by typing its name (att_portal.widgets)."""

    iterator = _StatesByName
    widget = StatePicker


class StateMultipleChoiceField(ModelMultipleChoiceField):
    """Any number of States, picked by typing their names (att_portal.widgets)."""

    iterator = _StatesByName
    widget = StateMultiPicker
