"""The emailed issue in a real browser (headless Chromium): it renders at desktop and
phone widths without sideways scrolling, and turns dark in dark mode."""

from __future__ import annotations

import html5lib
import pytest
from markupsafe import escape

from tests.bot.archive.test_browser import browse, png_size
from tests.bot.email.conftest import ITEMS, publish, readers

# The email in a frame of the given width; what the browser laid out is written into the
# page, for --dump-dom to bring back. (Headless windows are at least 500 pixels wide.)
FRAME = """<!doctype html><html><body>
<iframe id="mail" style="border:0" width="{width}" height="900" srcdoc="{html}"></iframe>
<script>
const frame = document.getElementById("mail");
frame.addEventListener("load", () => {{
  const doc = frame.contentDocument;
  document.body.dataset.width = doc.documentElement.scrollWidth;
  document.body.dataset.background = getComputedStyle(doc.querySelector(".wrap")).backgroundColor;
}});
</script></body></html>"""


def probe(tmp_path, html: str, width: int, *flags: str) -> dict[str, str]:
    page = tmp_path / f"frame-{width}.html"
    page.write_text(FRAME.format(width=width, html=escape(html)), encoding="utf-8")
    dom = html5lib.parse(
        browse(tmp_path, "--window-size=1200,1000", *flags, "--dump-dom", page.as_uri()),
        namespaceHTMLElements=False,
    )
    body = dom.find(".//body")
    return {key[5:]: value for key, value in body.attrib.items() if key.startswith("data-")}


@pytest.mark.timeout(1800)
async def test_the_email_renders_on_desktop_and_phone_and_in_dark_mode(core, sink, tmp_path):
    await readers(core, "ana@example.org")
    await publish(core, [*ITEMS, "https://example.org/" + "x" * 160])
    (message,) = sink.messages("ana@example.org")
    html = message.get_body(("html",)).get_content()
    page = tmp_path / "issue.html"
    page.write_text(html, encoding="utf-8")

    phone = probe(tmp_path, html, 360)
    assert int(phone["width"]) <= 360  # nothing makes a phone scroll sideways
    light = probe(tmp_path, html, 1000)
    dark = probe(tmp_path, html, 1000, "--force-dark-mode")
    assert light["background"] == "rgb(255, 255, 255)"
    assert dark["background"] == "rgb(22, 27, 34)"

    for width, height in ((1200, 1400), (390, 844)):
        shot = tmp_path / f"email-{width}.png"
        browse(
            tmp_path,
            f"--screenshot={shot}",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
            page.as_uri(),
        )
        assert png_size(shot) == (width, height)
        assert shot.stat().st_size > 15_000  # a blank page compresses to almost nothing
