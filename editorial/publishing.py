"""Who may see what: the one staff-preview rule."""

from django.db import models


class PublishableQuerySet(models.QuerySet):
    """A queryset of content that has a public state; subclasses define `published()`."""

    def published(self):
        raise NotImplementedError("say which rows the public may see")

    def visible_to(self, user):
        """Everything for staff, who preview drafts (pages show them a draft banner); what is
        published for everyone else. Public artefacts (exports, embeds, feeds) never show a
        draft to anyone: they use published()."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()
