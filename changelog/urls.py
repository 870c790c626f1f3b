from django.urls import path

from . import embed_views, views

app_name = "changelog"

urlpatterns = [
    path("compare/<slug:slug>/changes/", views.changes, name="changes"),
    path("compare/<slug:slug>/changes.atom", views.feed, name="feed"),
    # Any segment, not <int:>: a version that is no number gets the embed's own (frameable)
    # 404 page, not the site's.
    path("embed/compare/<slug:slug>/v/<str:version>/", embed_views.pinned_embed, name="embed"),
    path("embed/compare/<slug:slug>/latest.json", embed_views.latest_version, name="latest"),
]
