"""The soak's browser: a signed-in session per editor, the admin's forms as a browser sends them.

Session keeps its own cookies (session, CSRF, messages) and talks plain HTTP to the gunicorn
the soak started, one connection per request (sync workers close it anyway). parse_form() reads
one form of an admin page with html.parser and returns the fields a browser would submit, in
page order: hidden inputs (CSRF token, `version`, inline management forms), text inputs,
textareas, checked boxes and radios, selected options; disabled fields, buttons and the inlines'
`__prefix__` templates are left out, as a browser (or Django) would.
"""

import http.client
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


@dataclass
class Response:
    status: int
    location: str
    text: str


class Session:
    """A browser's cookie jar over http.client, for one editor (one thread)."""

    def __init__(self, port, timeout=120):
        self.port = port
        self.timeout = timeout
        self.cookies = {}

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, urlencode(fields).encode())

    def request(self, method, path, body=None):
        origin = f"http://127.0.0.1:{self.port}"
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "bench/soak.py"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin  # what a browser sends with a form's POST
            headers["Referer"] = origin + path
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return Response(response.status, response.headers.get("Location", ""), text)

    def keep_cookies(self, headers):
        for header in headers:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def sign_in(self, username, password):
        """Sign in through the admin's login form; raise unless it redirects into the admin."""
        page = self.get("/admin/login/?next=/admin/")
        fields = parse_form(page.text, "login-form")
        if fields is None:
            raise RuntimeError(f"no login form (HTTP {page.status})")
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        fields += [("username", username), ("password", password)]
        answer = self.post("/admin/login/?next=/admin/", fields)
        if answer.status != 302 or "/login/" in answer.location:
            raise RuntimeError(f"sign-in of {username} failed: HTTP {answer.status}")


@dataclass
class _Select:
    name: str
    multiple: bool
    options: list = field(default_factory=list)  # [value, selected]


class FormParser(HTMLParser):
    """The fields one form (found by its id) would submit."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.found = False
        self.inside = False
        self.fields = []
        self.textarea = None  # [name, text parts]
        self.select = None
        self.option = None  # [value or None, selected, text parts]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            self.found = self.found or self.inside
            return
        if not self.inside or tag not in ("input", "textarea", "select", "option"):
            return
        if tag == "option":
            self.end_option()
            if self.select is not None and "disabled" not in attrs:
                self.option = [attrs.get("value"), "selected" in attrs, []]
            return
        name = attrs.get("name")
        if not name or "disabled" in attrs or "__prefix__" in name:
            return
        if tag == "input":
            self.add_input(name, attrs)
        elif tag == "textarea":
            self.textarea = [name, []]
        else:
            self.select = _Select(name, "multiple" in attrs)

    def add_input(self, name, attrs):
        kind = (attrs.get("type") or "text").lower()
        if kind in SKIPPED_INPUTS:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.fields.append((name, attrs.get("value") or "on"))
            return
        self.fields.append((name, attrs.get("value") or ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)
        elif self.option is not None:
            self.option[2].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            text = "".join(parts)
            # HTML drops one newline right after <textarea>; Django's widget writes one.
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.fields.append((name, text))
            self.textarea = None
        elif tag == "option":
            self.end_option()
        elif tag == "select" and self.select is not None:
            self.end_option()
            self.end_select()

    def end_option(self):
        if self.option is not None and self.select is not None:
            value, selected, parts = self.option
            self.select.options.append([value if value is not None else "".join(parts), selected])
        self.option = None

    def end_select(self):
        select, self.select = self.select, None
        chosen = [value for value, selected in select.options if selected]
        if not select.multiple:
            # A single select always submits one value: the selected one, else the first.
            chosen = chosen[-1:] or [value for value, _ in select.options[:1]]
        self.fields.extend((select.name, value) for value in chosen)


def parse_form(html, form_id):
    """[(name, value), ...] the form `form_id` submits, or None if the page has no such form."""
    parser = FormParser(form_id)
    parser.feed(html)
    parser.close()
    return parser.fields if parser.found else None


class ErrorParser(HTMLParser):
    """The text of a re-displayed form's error messages (errornote and errorlist items)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag not in ("br", "img", "input")
        elif "errornote" in classes or ("errorlist" in classes and tag == "ul"):
            self.depth = 1
            self.parts.append("")

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "input"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts[-1] += data


def form_errors(html):
    parser = ErrorParser()
    parser.feed(html)
    return [" ".join(part.split()) for part in parser.parts if part.strip()]
