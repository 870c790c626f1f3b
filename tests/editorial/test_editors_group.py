"""The "Editors" group, kept in line with the content registry after every migrate, can edit
all content and nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from comparisons.models import Cell
from content.models import Article
from editorial.editors import GROUP
from tests.content.test_history import edit

pytestmark = pytest.mark.django_db

CONTENT_MODELS = {
    "content": ["article", "articlesource", "suggestedarticle"],
    "comparisons": [
        "comparison",
        "comparisonstrategy",
        "comparisondimension",
        "strategy",
        "dimension",
        "option",
        "cell",
        "cellsource",
    ],
    "glossary": ["term"],
    "sources": ["source"],
    "changelog": ["version", "changeentry"],
}
# Not content, but the group works on them (editorial.registry.editors_may): readers add these.
OTHER_PERMISSIONS = {
    "corrections.change_suggestion",
    "corrections.delete_suggestion",
    "corrections.view_suggestion",
}


def granted():
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_editors_group_is_brought_back_in_line_by_migrate():
    # A permission removed by hand (or a content model added since) is set right by migrate.
    group = Group.objects.get(name=GROUP)
    group.permissions.remove(Permission.objects.get(codename="change_cell"))
    group.permissions.add(Permission.objects.get(codename="change_user"))
    call_command("migrate", verbosity=0)
    assert "comparisons.change_cell" in granted()
    assert "auth.change_user" not in granted()


def test_editors_group_has_exactly_the_content_permissions():
    # Written out, not derived from the registry: this is what the group must be able to do.
    content = {
        f"{app_label}.{action}_{model}"
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in ["add", "change", "delete", "view"]
    }
    assert granted() == content | OTHER_PERMISSIONS


def test_editor_edits_articles_and_cells_and_sees_their_history(editor_client, starter):
    article = Article.objects.get(slug="outsourcing-vs-offshoring")
    change = reverse("admin:content_article_change", args=[article.pk])
    assert edit(editor_client, change, body="Edited by a member of Editors.").status_code == 302
    history = editor_client.get(reverse("admin:content_article_history", args=[article.pk]))
    assert history.status_code == 200
    # In the revisions' table: the page's header names the signed-in user anyway.
    revisions = history.text.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    assert f">{editor_client.user.username}</a>" in revisions
    revision = article.history.first()
    revert = reverse("admin:content_article_simple_history", args=[article.pk, revision.pk])
    assert editor_client.get(revert).status_code == 200

    cell = Cell.objects.get(strategy__slug="offshoring", dimension__slug="location")
    change = reverse("admin:comparisons_cell_change", args=[cell.pk])
    assert edit(editor_client, change, text="Edited by an editor.").status_code == 302
    cell.refresh_from_db()
    assert cell.text == "Edited by an editor."


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
    ],
)
def test_editor_cannot_manage_users_groups_or_lockouts(editor_client, url):
    assert editor_client.get(url).status_code == 403
