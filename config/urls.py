from django.contrib import admin
from django.urls import include, path

from comparisons.urls import site_urlpatterns
from pages.dashboard import dashboard

urlpatterns = [
    # First: Django tries patterns in order, and the tables and their embeds are most of the
    # traffic (a cache hit resolved behind three other "" includes spent a fifth of its time
    # there). Their addresses never take another app's: see comparisons.urls.
    path("", include("comparisons.urls")),
    path("", include("pages.urls")),
    # Before admin/, which would answer it with a 404. admin_view: staff only, signed in.
    path("admin/dashboard/", admin.site.admin_view(dashboard), name="editors_dashboard"),
    path("admin/", admin.site.urls),
    path("articles/", include("content.urls")),
    path("glossary/", include("glossary.urls")),
    path("", include("changelog.urls")),
    path("", include("corrections.urls")),
    *site_urlpatterns,
]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
