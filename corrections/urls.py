from django.urls import path

from . import views

app_name = "corrections"

urlpatterns = [
    path("compare/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("compare/<slug:slug>/suggest/thanks/", views.thanks, name="thanks"),
]
