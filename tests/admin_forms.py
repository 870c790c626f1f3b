"""Admin forms as a browser sends them back."""

from django import forms


def submitted(response):
    """What a browser sends back from an admin form page when the editor changes nothing:
    the main form and every inline form, hidden fields (such as `version`) included."""
    page_forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        page_forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in page_forms:
        for field in form:
            value, widget = field.value(), field.field.widget
            if isinstance(widget, forms.MultiWidget):  # date and time inputs
                parts = zip(
                    widget.widgets_names, widget.widgets, widget.decompress(value), strict=True
                )
                for suffix, subwidget, part in parts:
                    data[field.html_name + suffix] = subwidget.format_value(part) or ""
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif value is True:
                data[field.html_name] = "on"
            elif value not in (None, False):
                data[field.html_name] = str(value)
    return data
