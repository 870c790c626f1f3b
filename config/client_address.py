"""How the client's address is read behind TRUSTED_PROXY_COUNT reverse proxies: the settings.

The settings import this; `editorial.client_address.client_address` reads the address with
them, for django-axes (AXES_CLIENT_IP_CALLABLE) and the readers' correction form alike.
"""


def ipware_settings(trusted_proxies):
    """How django-ipware finds a client's address behind `trusted_proxies` reverse proxies,
    each of which appends the address it was connected from to X-Forwarded-For (nginx's
    $proxy_add_x_forwarded_for, most load balancers and CDNs).

    The client is then the `trusted_proxies`-th entry from the right; entries further left are
    whatever the client sent, never read, so forging them neither escapes a lockout nor locks
    anyone else out. With none (0), X-Forwarded-For is ignored: REMOTE_ADDR is the client.
    """
    # django-ipware's "legacy" parser splits X-Forwarded-For on commas, as proxies write it. The
    # "modern" one reads RFC 7239 quoting too, so a client's unclosed quote on the left would
    # swallow the proxies' entries and be counted against REMOTE_ADDR (another lock).
    if trusted_proxies <= 0:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_ORDER": "left-most",
            "AXES_IPWARE_PROXY_COUNT": None,
            "IPWARE_ALGORITHM": "legacy",
            "IPWARE_STRICT": True,
        }
    return {
        "IPWARE_ALGORITHM": "legacy",
        # REMOTE_ADDR only if the header is missing (a request that bypassed the proxies).
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        # django-ipware counts the proxies listed in the header after the client; the nearest
        # proxy is not listed (it is REMOTE_ADDR).
        "AXES_IPWARE_PROXY_COUNT": trusted_proxies - 1,
        # Not strict: a header longer than the proxies make it (the client's own entries on
        # the left) is read from the right, not dropped for REMOTE_ADDR (the proxy's address).
        "IPWARE_STRICT": False,
    }
