"""The client's address behind TRUSTED_PROXY_COUNT reverse proxies: one rule for every counter.

django-axes counts failed sign-ins against it (AXES_CLIENT_IP_CALLABLE) and the readers'
correction form limits posts by it (corrections.views), so a client that is locked out of one
is the same client the other sees, and a forged X-Forwarded-For escapes neither. The settings
it reads are written by config.client_address.ipware_settings.
"""

from django.conf import settings
from ipware.ip import get_client_ip


def client_address(request):
    """The client's address as the settings above describe it, or None if none is found.

    The same call django-axes makes by itself (axes.helpers.get_client_ip_address), kept here
    so that every counter of the site reads the address through one function.
    """
    address, _routable = get_client_ip(
        request,
        proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        proxy_trusted_ips=getattr(settings, "AXES_IPWARE_PROXY_TRUSTED_IPS", None),
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return address
