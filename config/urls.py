from django.contrib import admin
from django.urls import include, path

from comparisons.urls import site_urlpatterns

urlpatterns = [
    path("", include("pages.urls")),
    path("admin/", admin.site.urls),
    path("articles/", include("content.urls")),
    path("glossary/", include("glossary.urls")),
    path("", include("comparisons.urls")),
    *site_urlpatterns,
]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
