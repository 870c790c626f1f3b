"""The embed's presentation, second edition, in a real browser, with the embed served from
another origin than the host page (tests/browser/hosting.py): compact controls, themes and the
host's theme message, transparency proved with pixels, one-row embeds, "Cite this", axe.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.hosting import (
    CONTENT_HEIGHT,
    NO_INNER_SCROLLBAR,
    embed_frame,
    expect_columns,
    menu_checkbox,
    open_menu,
    png_pixels,
    wait_until_fitted,
)

EMBED = "/embed/compare/outsourcing-vs-offshoring/"
THEME_TYPE = "sourcing-explained:theme"
# The embed's page colours (site.css --bg, --fg), as getComputedStyle writes them.
LIGHT_BG, DARK_BG = "rgb(253, 253, 252)", "rgb(21, 24, 28)"
LIGHT_FG, DARK_FG = "rgb(28, 31, 35)", "rgb(232, 234, 237)"
HOST_BG = (240, 192, 64)  # the host page's own background, a colour no theme of ours has
# Frames side by side, all in the viewport: Chromium does not paint a cross-origin frame that is
# out of view, and a screenshot of it would show the host's background whatever the frame does.
HOST_STYLE = (
    "<style>html, body { margin: 0; background: rgb(240, 192, 64); }"
    " iframe { display: inline-block; vertical-align: top; border: 0; margin: 0 8px 0 0; }"
    "</style>"
)
BODY_COLOURS = (
    "() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; }"
)
# Counts, inside a frame, the theme messages of a given value it receives. It listens after
# embed-frame.js, so once it has counted one, embed-frame.js has handled it.
COUNT_THEME_MESSAGES = """theme => {
  window.__themeMessages = 0;
  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "sourcing-explained:theme" && event.data.theme === theme)
      window.__themeMessages += 1;
  });
}"""


def frames_page(
    host_site, live_starter, frames, script=True, head="", path="/host/", size=(600, 800)
):
    """A host page with iframes of our embeds: (id, query, extra attributes) each."""
    width, height = size
    tags = [
        f'<iframe id="{id_}" src="{live_starter.url}{EMBED}?{query}" title="Comparison {id_}"'
        f' width="{width}" height="{height}" {attributes}></iframe>'
        for id_, query, attributes in frames
    ]
    if script:
        tags.append(f'<script src="{live_starter.url}/embed.js" async></script>')
    return host_site.add(path, head + "\n".join(tags))


def open_frames(page, url, ids):
    page.set_default_timeout(5_000)
    page.goto(url)
    for id_ in ids:
        expect(page.frame_locator(f"#{id_}").locator("caption")).to_be_visible()
    return {id_: embed_frame(page, f"#{id_}") for id_ in ids}


def colours(frame):
    return frame.evaluate(BODY_COLOURS)


def wait_for_colours(frame, background):
    frame.wait_for_function(
        "bg => getComputedStyle(document.body).backgroundColor === bg", arg=background
    )


def pixel(page, selector, x=2, y=2):
    """The colour the reader sees at (x, y) of the element `selector` of the host page."""
    box = page.locator(selector).bounding_box()
    clip = {"x": box["x"] + x, "y": box["y"] + y, "width": 2, "height": 2}
    return png_pixels(page.screenshot(clip=clip))[0][0]


def near(colour, expected, slack=3):
    return all(abs(a - b) <= slack for a, b in zip(colour, expected, strict=True))


def rgb(css):
    return tuple(int(n) for n in re.findall(r"\d+", css)[:3])


@pytest.fixture
def context_for(browser):
    def new(scheme="light", **options):
        options.setdefault("viewport", {"width": 1300, "height": 900})
        return browser.new_context(color_scheme=scheme, **options).new_page()

    return new


# ---- compact controls ----


def test_compact_controls_start_the_table_within_320px_of_a_600_by_800_frame(
    page, live_starter, host_site
):
    url = frames_page(host_site, live_starter, [("e", "location=abroad", "")], script=False)
    frame = open_frames(page, url, ["e"])["e"]
    embed = page.frame_locator("#e")
    top = frame.locator(".table-region").evaluate("el => el.getBoundingClientRect().top")
    assert top <= 320, f"the table starts {top}px down the frame"
    assert frame.evaluate("innerWidth") == 600
    # Every filterable row has its button, the rows and the differences their own control.
    expect(embed.locator("details.embed-menu > summary")).to_have_text(
        [
            re.compile(r"^Where the work is done · 1"),
            re.compile(r"^Who performs the work"),
            re.compile(r"^Goal"),
            re.compile(r"^Rows · all"),
        ]
    )
    expect(embed.get_by_role("checkbox", name="Only rows that differ")).to_be_visible()
    expect(embed.get_by_role("list", name="Active filters")).to_be_visible()


def test_choosing_an_option_in_a_menu_filters_the_table_across_origins(
    page, live_starter, host_site
):
    url = frames_page(host_site, live_starter, [("e", "location=abroad", "")])
    open_frames(page, url, ["e"])
    embed = page.frame_locator("#e")
    menu = open_menu(embed, "Who performs the work")
    own_staff = menu_checkbox(embed, "Who performs the work", "The company's own staff")
    own_staff.click()
    expect_columns(embed, ["Offshoring"])
    expect(embed.locator("#result-status")).to_have_text("1 of 3 strategies match.")
    # The swap replaced the form: the same menu is still open, the focus on the same box.
    expect(menu).to_have_attribute("open", "")
    expect(own_staff).to_be_checked()
    expect(own_staff).to_be_focused()
    expect(embed.locator("#menu-performer > summary")).to_contain_text("· 1")

    # Opening another menu closes this one; Escape closes it and returns to its button.
    location = open_menu(embed, "Where the work is done")
    expect(menu).not_to_have_attribute("open", "")
    menu_checkbox(embed, "Where the work is done", "Abroad").focus()
    page.keyboard.press("Escape")
    expect(location).not_to_have_attribute("open", "")
    expect(location.locator("summary")).to_be_focused()


def test_menus_work_from_the_keyboard(page, live_starter, host_site):
    url = frames_page(host_site, live_starter, [("e", "", "")])
    open_frames(page, url, ["e"])
    embed = page.frame_locator("#e")
    summary = embed.locator("#menu-performer > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(embed.locator("#menu-performer")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    third_party = embed.locator("#f-performer-third-party")
    expect(third_party).to_be_focused()
    page.keyboard.press("Space")
    expect(embed.locator("#result-status")).to_have_text("2 of 3 strategies match.")
    expect(third_party).to_be_focused()
    expect(third_party).to_be_checked()


def test_compact_controls_work_without_javascript(page_without_js, live_starter):
    page = page_without_js
    page.set_default_timeout(5_000)
    page.goto(live_starter.url + EMBED + "?theme=dark&transparent=1")
    page.locator("#menu-performer > summary").click()  # <details> needs no script
    page.get_by_role("checkbox", name=re.compile(r"^The company's own staff")).check()
    page.get_by_role("button", name="Apply").click()
    # A plain GET of the form: the flags travel in it as hidden fields.
    expect(page).to_have_url(re.compile(r"\?performer=own-staff&theme=dark&transparent=1$"))
    expect_columns(page, ["Offshoring"])
    expect(page.locator("html")).to_have_class("theme-dark transparent")


# ---- themes ----


@pytest.mark.parametrize(
    ("scheme", "query", "expected"),
    [
        ("light", "", (LIGHT_BG, LIGHT_FG)),
        ("dark", "", (DARK_BG, DARK_FG)),
        ("dark", "theme=auto", (DARK_BG, DARK_FG)),
        ("dark", "theme=light", (LIGHT_BG, LIGHT_FG)),
        ("light", "theme=dark", (DARK_BG, DARK_FG)),
    ],
)
def test_auto_follows_the_readers_setting_and_explicit_themes_are_fixed(
    context_for, live_starter, host_site, scheme, query, expected
):
    page = context_for(scheme)
    # No sizing script: the frame's own CSS alone decides.
    url = frames_page(host_site, live_starter, [("e", query, "")], script=False)
    frame = open_frames(page, url, ["e"])["e"]
    assert colours(frame) == list(expected)
    table_head = frame.locator("thead th").first.evaluate("el => getComputedStyle(el).color")
    assert table_head == expected[1]


def test_transparent_embed_shows_the_host_background_in_every_theme(
    context_for, live_starter, host_site
):
    frames = [
        ("light", "transparent=1&theme=light", ""),
        ("dark", "transparent=1&theme=dark", ""),
        ("auto", "transparent=1", ""),
        ("opaque", "theme=auto", ""),  # the control: an opaque embed covers the host's colour
    ]
    for scheme, opaque in (("light", LIGHT_BG), ("dark", DARK_BG)):
        page = context_for(scheme)
        url = frames_page(
            host_site, live_starter, frames, False, HOST_STYLE, f"/{scheme}/", size=(300, 400)
        )
        loaded = open_frames(page, url, [id_ for id_, _, _ in frames])
        for id_ in ("light", "dark", "auto"):
            # Beside the title and down the left margin, nothing of ours is drawn.
            for x, y in ((2, 2), (2, 300)):
                seen = pixel(page, f"#{id_}", x, y)
                assert near(seen, HOST_BG), f"{id_} in a {scheme} system: {seen} at {x},{y}"
        assert near(pixel(page, "#opaque"), rgb(opaque)), f"opaque in a {scheme} system"
        # The text keeps its theme's colours on the host's background.
        assert colours(loaded["dark"]) == ["rgba(0, 0, 0, 0)", DARK_FG]
        assert colours(loaded["light"]) == ["rgba(0, 0, 0, 0)", LIGHT_FG]


def test_transparent_embed_on_a_host_with_its_own_dark_scheme(context_for, live_starter, host_site):
    # A host that declares color-scheme itself: the sizing script makes the iframe element's
    # scheme match the frame's, or Chromium would paint an opaque backdrop behind the frame.
    head = HOST_STYLE + "<style>:root { color-scheme: dark; }</style>"
    page = context_for("dark")
    url = frames_page(
        host_site, live_starter, [("t", "transparent=1&theme=dark", "")], head=head, size=(300, 400)
    )
    open_frames(page, url, ["t"])
    page.wait_for_function("() => document.getElementById('t').style.colorScheme === 'normal'")
    assert near(pixel(page, "#t"), HOST_BG)


# ---- the host's theme message ----


def test_data_theme_on_the_iframe_sets_an_auto_embed(context_for, live_starter, host_site):
    page = context_for("light")
    frames = [
        ("dark", "", 'data-theme="dark"'),
        ("light", "", 'data-theme="light"'),
        ("pinned", "theme=light", 'data-theme="dark"'),  # theme= in the address wins
        ("plain", "", ""),
    ]
    url = frames_page(host_site, live_starter, frames)
    loaded = open_frames(page, url, [f[0] for f in frames])
    wait_for_colours(loaded["dark"], DARK_BG)
    assert colours(loaded["dark"]) == [DARK_BG, DARK_FG]
    # The others got the host's answer too (asked again here, and counted after it arrived).
    for id_ in ("light", "pinned", "plain"):
        theme = "dark" if id_ == "pinned" else "light"
        loaded[id_].evaluate(COUNT_THEME_MESSAGES, theme)
        loaded[id_].evaluate(
            "() => parent.postMessage({type: 'sourcing-explained:theme-request'}, '*')"
        )
        loaded[id_].wait_for_function("() => window.__themeMessages >= 1")
        assert colours(loaded[id_]) == [LIGHT_BG, LIGHT_FG], id_


def test_host_in_a_dark_system_tells_a_light_embed_nothing_it_may_not_take(
    context_for, live_starter, host_site
):
    # data-theme="light" on a host in a dark system: an auto embed turns light.
    page = context_for("dark")
    url = frames_page(host_site, live_starter, [("e", "", 'data-theme="light"')])
    frame = open_frames(page, url, ["e"])["e"]
    wait_for_colours(frame, LIGHT_BG)
    expect(page.frame_locator("#e").locator("html")).to_have_class("theme-light")


def test_forged_theme_messages_are_ignored(page, live_starter, host_site, third_site):
    forger = third_site.add(
        "/widget/",
        "<p>Widget</p>\n<script>\n"
        "setInterval(function () {\n"
        "  for (var i = 0; i < parent.frames.length; i++) {\n"
        f'    parent.frames[i].postMessage({{type: "{THEME_TYPE}", theme: "dark"}}, "*");\n'
        "  }\n"
        "}, 50);\n</script>",
        title="Widget",
    )
    url = frames_page(host_site, live_starter, [("e", "", "")])
    url = host_site.add(
        "/forged/",
        host_site.pages["/host/"].split("<body>", 1)[1].rsplit("</body>", 1)[0]
        + f'\n<iframe id="widget" src="{forger}" title="Widget" height="80"></iframe>',
    )
    frame = open_frames(page, url, ["e"])["e"]
    frame.evaluate(COUNT_THEME_MESSAGES, "dark")
    # From another origin's frame on the same page: heard, and ignored.
    frame.wait_for_function("() => window.__themeMessages >= 2")
    assert colours(frame) == [LIGHT_BG, LIGHT_FG]
    # From the frame's own window, and a value that is no theme from the host page itself.
    seen = frame.evaluate("() => window.__themeMessages")
    frame.evaluate(f"() => window.postMessage({{type: '{THEME_TYPE}', theme: 'dark'}}, '*')")
    frame.wait_for_function("seen => window.__themeMessages > seen", arg=seen)
    page.evaluate(
        "t => document.getElementById('e').contentWindow"
        ".postMessage({type: t, theme: 'purple'}, '*')",
        THEME_TYPE,
    )
    assert colours(frame) == [LIGHT_BG, LIGHT_FG]
    expect(page.frame_locator("#e").locator("html")).to_have_class(
        re.compile(r"theme-(auto|light)")
    )


# ---- one row, citation ----


def test_one_row_embed_sizes_to_its_content(height_page, live_starter, host_site):
    page = height_page
    url = host_site.add(
        "/one-row/",
        HOST_STYLE + f'<iframe id="e" src="{live_starter.url}{EMBED}?show=goal&controls=0"'
        ' width="480" height="600" title="Goals"></iframe>\n'
        f'<script src="{live_starter.url}/embed.js" async></script>',
    )
    frame = open_frames(page, url, ["e"])["e"]
    expect(page.frame_locator("#e").locator("tbody tr")).to_have_count(1)
    outer, inner = wait_until_fitted(page, "#e", not_height=600)
    assert abs(outer - inner) <= 2
    assert frame.evaluate(NO_INNER_SCROLLBAR)
    region = frame.locator(".table-region").evaluate(
        "el => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight]"
    )
    assert region == [0, 0], f"the one row scrolls inside its region: {region}"
    assert frame.evaluate(CONTENT_HEIGHT) == pytest.approx(outer, abs=2)


def test_cite_this_offers_plain_text_and_bibtex(height_page, live_starter, host_site):
    page = height_page
    query = "location=abroad&theme=dark"
    url = frames_page(host_site, live_starter, [("e", query, "")], head=HOST_STYLE)
    open_frames(page, url, ["e"])
    embed = page.frame_locator("#e")
    embed.get_by_text("Cite this").click()
    plain = embed.get_by_label("Plain text")
    expect(plain).to_be_visible()
    page_url = f"{live_starter.url}/compare/outsourcing-vs-offshoring/?location=abroad"
    expect(plain).to_have_value(
        re.compile(
            r"^“Outsourcing vs\. offshoring”\. Sourcing Explained, version 1, "
            rf"\d{{1,2}} [A-Z][a-z]+ \d{{4}}\. {re.escape(page_url)}$"
        )
    )
    expect(embed.get_by_label("BibTeX")).to_have_value(
        re.compile(r"^@misc\{sourcing-explained-outsourcing-vs-offshoring-v1,\n.*\n\}$", re.S)
    )
    wait_until_fitted(page, "#e")


# ---- accessibility ----

AXE_STATES = {
    "transparent": "?transparent=1&theme=light",
    "plain": "?plain=1&location=abroad",
    "plain-dark": "?plain=1&theme=dark",
    "one-row": "?show=goal&controls=0",
    "auto-transparent-light-system": "?transparent=1",
}


@pytest.mark.parametrize("name", [*AXE_STATES, "menus-and-citation-open", "dark-menus-open"])
def test_new_embed_states_have_no_axe_violations(
    page,
    live_starter,
    axe,
    name,
):
    page.set_default_timeout(5_000)
    query = AXE_STATES.get(name, "?theme=dark&location=abroad" if "dark" in name else "")
    page.goto(live_starter.url + EMBED + query)
    if name in ("menus-and-citation-open", "dark-menus-open"):
        open_menu(page, "Who performs the work")
        page.get_by_text("Cite this").click()
        expect(page.get_by_label("BibTeX")).to_be_visible()
    assert_accessible(axe, page, f"the embed, {name} ({EMBED}{query})")
