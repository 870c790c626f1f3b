from django.urls import path

from . import views

app_name = "changelog"

urlpatterns = [
    path("compare/<slug:slug>/changes/", views.changes, name="changes"),
    path("compare/<slug:slug>/changes.atom", views.feed, name="feed"),
]
