from django.urls import path, re_path

from . import (
    embed_views,
    export_views,
    guide_views,
    map_views,
    oembed_views,
    pair_views,
    part_embed_views,
    views,
)

app_name = "comparisons"

# A pair's address below a comparison's: strategy slugs never contain "-vs-"
# (parameters.validate_no_pair_separator), so the first "-vs-" splits the pair.
PAIR = r"(?P<slug>[-a-zA-Z0-9_]+)/(?P<a>[-a-zA-Z0-9_]+?)-vs-(?P<b>[-a-zA-Z0-9_]+)/$"

urlpatterns = [
    path("compare/", views.comparison_list, name="list"),
    path("compare/<slug:slug>/", views.comparison_detail, name="detail"),
    path("compare/<slug:slug>/guide/", guide_views.guide, name="guide"),
    path("compare/<slug:slug>/map.svg", map_views.comparison_map, name="map"),
    re_path(r"^compare/" + PAIR, pair_views.pair_detail, name="pair"),
    path("compare/<slug:slug>.json", export_views.comparison_json, name="json"),
    path("compare/<slug:slug>.csv", export_views.comparison_csv, name="csv"),
    path("embed/compare/<slug:slug>/", embed_views.comparison_embed, name="embed"),
    # Beside the pinned embed, embed/compare/<slug>/v/<version>/ (changelog.urls): "map" and
    # "v" hold no "-vs-", so these never take its addresses, nor it theirs.
    path("embed/compare/<slug:slug>/map/", part_embed_views.map_embed, name="map_embed"),
    re_path(r"^embed/compare/" + PAIR, part_embed_views.pair_embed, name="pair_embed"),
]

# Site-level addresses that embedders use; not namespaced, so they read like the contract.
site_urlpatterns = [
    path("oembed/", oembed_views.oembed, name="oembed"),
    path("embed.js", embed_views.embed_script, name="embed_script"),
]
