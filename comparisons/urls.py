from django.urls import path, re_path

from . import (
    embed_views,
    export_views,
    guide_views,
    map_views,
    oembed_views,
    pair_views,
    views,
)

app_name = "comparisons"

urlpatterns = [
    path("compare/", views.comparison_list, name="list"),
    path("compare/<slug:slug>/", views.comparison_detail, name="detail"),
    path("compare/<slug:slug>/guide/", guide_views.guide, name="guide"),
    path("compare/<slug:slug>/map.svg", map_views.comparison_map, name="map"),
    # Strategy slugs never contain "-vs-" (parameters.validate_no_pair_separator): the first
    # "-vs-" splits the pair.
    re_path(
        r"^compare/(?P<slug>[-a-zA-Z0-9_]+)/(?P<a>[-a-zA-Z0-9_]+?)-vs-(?P<b>[-a-zA-Z0-9_]+)/$",
        pair_views.pair_detail,
        name="pair",
    ),
    path("compare/<slug:slug>.json", export_views.comparison_json, name="json"),
    path("compare/<slug:slug>.csv", export_views.comparison_csv, name="csv"),
    path("embed/compare/<slug:slug>/", embed_views.comparison_embed, name="embed"),
]

# Site-level addresses that embedders use; not namespaced, so they read like the contract.
site_urlpatterns = [
    path("oembed/", oembed_views.oembed, name="oembed"),
    path("embed.js", embed_views.embed_script, name="embed_script"),
]
