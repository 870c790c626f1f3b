"""The grid editor (comparisons.grid_admin): a comparison's cells edited in place in the admin,
with the cell page's validation, version check, history, change log and permissions."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from comparisons.models import Cell, CellSource, Comparison, Option
from sources.models import Source
from tests.admin_forms import submitted
from tests.content.test_admin_hostile import FormFields

pytestmark = pytest.mark.django_db

SLUG = "outsourcing-vs-offshoring"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def commits(django_capture_on_commit_callbacks):
    """What runs when a save commits runs, as outside a test: the change log then takes the
    saves' pending note, which would otherwise be left to a later test's commit."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


@pytest.fixture
def comparison(starter):
    return Comparison.objects.get(slug=SLUG)


def cell_of(strategy, dimension):
    return Cell.objects.select_related("strategy", "dimension").get(
        strategy__slug=strategy, dimension__slug=dimension
    )


def grid_url(comparison):
    return reverse("admin:comparisons_comparison_grid", args=[comparison.pk])


def cell_url(comparison, strategy, dimension):
    args = [comparison.pk, strategy.pk, dimension.pk]
    return reverse("admin:comparisons_comparison_grid_cell", args=args)


def editor_form(client, url):
    """What a browser would post from the cell's editor, as the grid opened it."""
    response = client.get(url + "?edit=1", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    data = FormFields(html).data
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_grid_lays_out_every_strategy_and_dimension_with_cells(editor_client, comparison):
    response = editor_client.get(grid_url(comparison))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<caption id="grid-caption">{comparison.title}</caption>' in html
    for strategy in comparison.strategies.all():
        assert f'<th scope="col">{strategy.name}</th>' in html
    for dimension in comparison.dimensions.all():
        assert f'<th scope="row">{dimension.name}</th>' in html
    cell = cell_of("offshoring", "location")
    assert cell.text_html in html
    for option in cell.options.all():
        assert f"<li>{option.label}</li>" in html
    cited = (
        CellSource.objects.filter(
            cell__strategy__comparisons=comparison, cell__dimension__comparisons=comparison
        )
        .select_related("cell")
        .first()
        .cell
    )
    count = cited.source_links.count()
    cell_html = re.search(
        rf'<td id="cell-{cited.strategy_id}-{cited.dimension_id}".*?</td>', html, re.DOTALL
    ).group(0)
    assert f"{count} source{'s' if count != 1 else ''}" in cell_html
    # Without JavaScript, each cell links to its own admin page.
    change = reverse("admin:comparisons_cell_change", args=[cited.pk])
    assert f'href="{change}"' in cell_html
    assert (
        "Edit as a table"
        in editor_client.get(
            reverse("admin:comparisons_comparison_change", args=[comparison.pk])
        ).content.decode()
    )


def test_editor_saves_a_cell_in_place_and_readers_see_it(
    editor_client, comparison, django_capture_on_commit_callbacks
):
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    data = editor_form(editor_client, url)
    assert data["text"] == [cell.text]
    data.update(text="Time zones *and* distance.", change_note="Shorter, clearer.")

    with django_capture_on_commit_callbacks(execute=True):  # the change log records on commit
        response = editor_client.post(url, data, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>and</em>" in html
    assert "Saved: Offshoring × Risks and drawbacks." in html
    assert "<form" not in html
    cell.refresh_from_db()
    assert cell.text == "Time zones *and* distance."
    assert cell.history.first().history_user == editor_client.user
    version = comparison.versions.order_by("-number").first()
    assert version.note == "Shorter, clearer."
    assert version.editor == editor_client.user
    public = Client().get(comparison.get_absolute_url()).content.decode()
    assert "Time zones <em>and</em> distance." in public


def test_options_and_sources_are_saved_from_the_editor(editor_client, comparison):
    cell = cell_of("offshoring", "location")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    data = editor_form(editor_client, url)
    home = Option.objects.get(dimension=cell.dimension, slug="home-country")
    source = Source.objects.exclude(cell_links__cell=cell).first()
    extra = int(data["sources-TOTAL_FORMS"][0]) - 1  # the editor's empty row
    data.update({"options": [str(home.pk)], f"sources-{extra}-source": str(source.pk)})

    assert editor_client.post(url, data, **HTMX).status_code == 200

    assert list(cell.options.all()) == [home]
    assert cell.source_links.filter(source=source).exists()


def test_stale_save_shows_the_conflict_with_the_text_kept(editor_client, comparison):
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    data = editor_form(editor_client, url)
    cell.text = "Someone else's newer text."
    cell.save()

    response = editor_client.post(url, data | {"text": "My stale text."}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "This cell was saved on" in html  # by nobody: saved outside the admin
    assert 'role="alert"' in html
    assert "My stale text." in html
    cell.refresh_from_db()
    assert cell.text == "Someone else's newer text."


def test_invalid_option_is_refused_with_the_form_message(editor_client, comparison):
    cell = cell_of("offshoring", "location")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    other = Option.objects.exclude(dimension=cell.dimension).first()
    data = editor_form(editor_client, url) | {"options": [str(other.pk)], "text": "Changed."}

    response = editor_client.post(url, data, **HTMX)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    cell.refresh_from_db()
    assert cell.text != "Changed."


def test_empty_cell_is_shown_and_created_in_place(editor_client, comparison):
    cell = cell_of("outsourcing", "examples")
    strategy, dimension = cell.strategy, cell.dimension
    cell.delete()
    html = editor_client.get(grid_url(comparison)).content.decode()
    add = reverse("admin:comparisons_cell_add")
    assert f'href="{add}?strategy={strategy.pk}&amp;dimension={dimension.pk}"' in html
    assert "Empty — add text" in html
    url = cell_url(comparison, strategy, dimension)

    data = editor_form(editor_client, url) | {"text": "Payroll and IT support."}
    response = editor_client.post(url, data, **HTMX)

    assert response.status_code == 200
    assert "<p>Payroll and IT support.</p>" in response.content.decode()
    assert cell_of("outsourcing", "examples").text == "Payroll and IT support."


def test_empty_cell_written_meanwhile_is_a_conflict(editor_client, comparison):
    cell = cell_of("outsourcing", "examples")
    strategy, dimension = cell.strategy, cell.dimension
    cell.delete()
    url = cell_url(comparison, strategy, dimension)
    data = editor_form(editor_client, url) | {"text": "Mine."}
    Cell.objects.create(strategy=strategy, dimension=dimension, text="Theirs.")

    response = editor_client.post(url, data, **HTMX)

    assert "This cell was saved" in response.content.decode()
    assert "Mine." in response.content.decode()
    assert cell_of("outsourcing", "examples").text == "Theirs."


def test_posted_without_htmx_goes_back_to_the_grid(editor_client, comparison):
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    data = editor_form(editor_client, url) | {"text": "Without htmx."}

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == grid_url(comparison)
    cell.refresh_from_db()
    assert cell.text == "Without htmx."


@pytest.fixture
def viewer(django_user_model):
    user = django_user_model.objects.create_user(
        username="reader", password="a-long-test-password", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="comparisons", codename__in=["view_comparison", "view_cell"]
        )
    )
    client = Client()
    client.force_login(user)
    return client


def test_view_only_user_sees_the_grid_read_only(viewer, comparison):
    response = viewer.get(grid_url(comparison))

    assert response.status_code == 200
    html = response.content.decode()
    assert cell_of("offshoring", "risks").text_html in html
    assert not re.search(r'class="grid-edit[ "]', html)
    assert "hx-get" not in html
    assert "Empty — add text" not in html


def test_edit_and_save_without_change_permission_are_forbidden(viewer, comparison):
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)

    assert viewer.get(url + "?edit=1", **HTMX).status_code == 403
    assert viewer.post(url, {"text": "Not allowed.", "version": cell.version}).status_code == 403
    cell.refresh_from_db()
    assert cell.text != "Not allowed."


def test_staff_without_view_permission_is_forbidden(django_user_model, comparison):
    user = django_user_model.objects.create_user(username="nobody", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(grid_url(comparison)).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "abc/grid/",
        "99999999999999999999999/grid/",
        "0/grid/",
        "{pk}/grid/cell/abc/1/",
        "{pk}/grid/cell/1/99999999999999999999999/",
        "{pk}/grid/cell/{strategy}/999999/",
        "{pk}/grid/cell/{other}/{dimension}/",  # a strategy of another comparison only
    ],
)
def test_hostile_ids_are_404(editor_client, comparison, path):
    cell = cell_of("offshoring", "risks")
    other = Comparison.objects.get(slug="sourcing-models").strategies.get(slug="nearshoring")
    path = path.format(
        pk=comparison.pk, strategy=cell.strategy_id, dimension=cell.dimension_id, other=other.pk
    )

    assert editor_client.get("/admin/comparisons/comparison/" + path).status_code == 404


def test_save_without_csrf_token_is_refused(django_user_model, comparison):
    user = django_user_model.objects.create_superuser("strict", password="a-long-password")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)

    response = client.post(url, {"text": "Forged.", "version": cell.version}, **HTMX)

    assert response.status_code == 403
    cell.refresh_from_db()
    assert cell.text != "Forged."


def test_cancel_shows_the_cell_again_with_focus_on_its_link(editor_client, comparison):
    cell = cell_of("offshoring", "risks")
    response = editor_client.get(cell_url(comparison, cell.strategy, cell.dimension), **HTMX)

    html = response.content.decode()
    assert cell.text_html in html
    assert re.search(r'<a class="grid-edit"[^>]* autofocus', html)
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_comparison_page_opened_from_the_grid_goes_back_to_it(staff_client, comparison):
    change = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    data = submitted(staff_client.get(change))

    response = staff_client.post(change + "?_grid=1", data)

    assert response.status_code == 302
    assert response["Location"] == grid_url(comparison)


def test_editor_opened_without_htmx_is_the_whole_grid_with_the_cell_open(editor_client, comparison):
    cell = cell_of("offshoring", "risks")
    url = cell_url(comparison, cell.strategy, cell.dimension)

    response = editor_client.get(url + "?edit=1")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption id="grid-caption">' in html
    assert html.count('<form class="grid-editor-form"') == 1
    assert f'action="{url}"' in html
    assert editor_client.get(url).status_code == 302  # the cell alone is a part of the grid


def test_grid_reads_any_comparison_in_the_same_number_of_queries(
    editor_client, comparison, django_assert_num_queries
):
    small = grid_url(comparison)
    large = grid_url(Comparison.objects.get(slug="sourcing-models"))
    # The session, the user and their permissions (two); the comparison, then its grid:
    # columns, rows, options, cells, sources. Seven columns cost what three do.
    for url in (small, large):
        with django_assert_num_queries(10):
            assert editor_client.get(url).status_code == 200


def test_editors_of_two_cells_open_at_once_have_ids_of_their_own(editor_client, comparison):
    ids = []
    for strategy in ("offshoring", "outsourcing"):
        cell = cell_of(strategy, "location")
        url = cell_url(comparison, cell.strategy, cell.dimension) + "?edit=1"
        html = editor_client.get(url, **HTMX).content.decode()
        ids.append(set(re.findall(r' id="([^"]+)"', html)))
        label = re.search(r'<label for="([^"]+)">Text \(Markdown\)</label>', html).group(1)
        assert '<textarea name="text"' in html and f'id="{label}"' in html
        # Each box says its option alone: the row is the legend.
        assert re.search(r'<input type="checkbox"[^>]*> Abroad</label>', html)
    assert ids[0] and not ids[0] & ids[1]


@pytest.mark.parametrize(
    "field, value",
    [
        ("options", "abc"),
        ("options", "9" * 30),
        ("sources-0-source", "9" * 30),
        ("sources-0-order", "-1"),
        ("version", "abc"),
        ("sources-TOTAL_FORMS", "x"),
    ],
)
def test_hostile_posts_get_the_form_back_never_a_500(editor_client, comparison, field, value):
    cell = cell_of("offshoring", "location")
    url = cell_url(comparison, cell.strategy, cell.dimension)
    data = editor_form(editor_client, url) | {"text": "Hostile.", field: value}

    response = editor_client.post(url, data, **HTMX)

    assert response.status_code == 200
    assert '<form class="grid-editor-form"' in response.content.decode()
    cell.refresh_from_db()
    assert cell.text != "Hostile."
