"""Admin forms as a browser sends them back."""

from django import forms


def submitted(response):
    """What a browser sends back from an admin form page when the editor changes nothing:
    the main form and every inline form, hidden fields (such as `version`, and the hidden
    initial value of a field with a callable default) included."""
    page_forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        page_forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in page_forms:
        for field in form:
            data.update(_field_data(field.html_name, field.value(), field.field.widget))
            if field.field.show_hidden_initial:
                initial = field.initial
                data.update(_field_data(field.html_initial_name, initial, field.field.widget))
    return data


def _field_data(name, value, widget):
    if isinstance(widget, forms.MultiWidget):  # date and time inputs
        parts = zip(widget.widgets_names, widget.widgets, widget.decompress(value), strict=True)
        return {
            name + suffix: subwidget.format_value(part) or "" for suffix, subwidget, part in parts
        }
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    if value is True:
        return {name: "on"}
    # Not `value not in (None, False)`: 0 == False, and an empty inline's TOTAL_FORMS is 0.
    if value is not None and value is not False:
        return {name: str(value)}
    return {}
