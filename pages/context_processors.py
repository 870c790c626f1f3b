from django.conf import settings


def site(request):
    """The site's name, from the one setting that holds it, for every template."""
    return {"SITE_NAME": settings.SITE_NAME}
