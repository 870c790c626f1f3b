"""The readers' correction form: plain text, an optional source and e-mail, and a honeypot."""

from django import forms
from django.core.validators import URLValidator

from sources.models import WEB_SCHEMES

from .models import MAX_EMAIL, MAX_TEXT, MAX_URL, Suggestion

# The honeypot's name: a field bots fill in because forms usually ask for it.
TRAP = "website"


class WebAddressField(forms.URLField):
    # In place of URLField's own validator, which also allows ftp: one message, web only.
    default_validators = [URLValidator(schemes=WEB_SCHEMES)]


class SuggestionForm(forms.ModelForm):
    text = forms.CharField(
        label="Your correction",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"What is wrong, and what it should say. Plain text, at most {MAX_TEXT:,} "
        "characters.",
        error_messages={"required": "Write what should change."},
    )
    source_url = WebAddressField(
        label="Source (optional)",
        required=False,
        max_length=MAX_URL,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address starting with http:// or https://."},
        help_text="A web page where an editor can check it.",
    )
    email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        max_length=MAX_EMAIL,
        help_text="Only if an editor may write to you about it. Never shown on the site.",
    )
    # Hidden from people (CSS and aria-hidden, out of the tab order); bots fill it in.
    website = forms.CharField(
        label="Leave this field empty", required=False, max_length=200, strip=False
    )

    class Meta:
        model = Suggestion
        fields = ["text", "source_url", "email"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields[TRAP].widget.attrs.update(tabindex="-1", autocomplete="off")

    def is_trap(self):
        """Whether a bot filled in the honeypot: the post is then thanked for and dropped,
        valid or not (read raw, so a bot learns nothing from error messages)."""
        return bool(self.data.get(TRAP))

    def save_for(self, comparison, strategy, dimension, cell):
        suggestion = self.save(commit=False)
        suggestion.comparison = comparison
        suggestion.strategy = strategy
        suggestion.dimension = dimension
        suggestion.current_text = cell.text if cell else ""
        suggestion.save()
        return suggestion
