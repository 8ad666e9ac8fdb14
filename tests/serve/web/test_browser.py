"""The workbench driven as an analyst would, in Debian's Chromium (headless, no browser download).

One scenario: overview -> search "ISKP" -> the actor -> an edge -> its quote -> the document reader -> confirm
the claim -> its proposition page shows the higher grade. Also: a hostile article renders inert, no request
leaves the app's origin, no page breaks its Content-Security-Policy. Screenshots go to out/browser/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from tests.conftest import ROOT

from veracity.serve.web import create_app

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "out" / "browser"
HOSTILE_NAME = "zz_hostile"  # the article conftest.py ingests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(writable_db: Path) -> Iterator[str]:
    """The app on a loopback port in a thread, over a private copy of the demo store."""
    port = _free_port()
    config = uvicorn.Config(create_app(f"sqlite:///{writable_db}"), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def browser_page(server: str) -> Iterator[tuple[object, dict[str, list[str]]]]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (make browser)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = {"requests": [], "console": [], "dialogs": []}
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}"))
        page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        page.set_default_timeout(20_000)
        yield page, seen
        browser.close()


def _grade(page: object) -> float:
    text = page.locator("#grade .grade").inner_text()  # type: ignore[attr-defined]
    return float(re.search(r"\((\d+)%\)", text).group(1))  # type: ignore[union-attr]


def test_browser_analyst_confirms_a_claim_and_the_grade_moves(server: str, browser_page: tuple) -> None:
    page, seen = browser_page
    page.goto(server + "/")
    assert page.locator("h2", has_text="Most contested propositions").is_visible()
    page.screenshot(path=str(SHOTS / "1-overview.png"))

    page.fill("form.big-search input[name=q]", "ISKP")
    page.click("form.big-search button")
    page.wait_for_url(re.compile(r"/search\?q=ISKP"))
    page.screenshot(path=str(SHOTS / "2-search.png"))

    page.click("a.hit-actor >> nth=0")
    page.wait_for_url(re.compile(r"/actors/actor:islamic-state-khorasan-province"))
    page.wait_for_selector(".graph.ready canvas")
    page.screenshot(path=str(SHOTS / "3-actor.png"), full_page=False)

    edge = page.locator("tr.edge", has_text="Pakistan").filter(has_text="supports").locator("a.edge-link").first
    edge.click()
    page.wait_for_url(re.compile(r"/propositions/[0-9a-f]{16}"))
    proposition_url = page.url
    before = _grade(page)
    report = page.locator("tr", has_text="Zabihullah Mujahid").locator("a.quote").first
    assert "ISIS-K" in report.inner_text()
    page.screenshot(path=str(SHOTS / "4-proposition-before.png"))

    report.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+#a-[0-9a-f]+"))
    claim_id = page.url.rsplit("#a-", 1)[1]
    item = page.locator(f"#a-{claim_id}")
    page.wait_for_selector(f"#a-{claim_id}.selected")
    assert page.locator(".piece.in-claim.selected").count() > 0
    page.screenshot(path=str(SHOTS / "5-reader.png"))

    item.locator("button[value=confirm]").click()
    page.wait_for_url(re.compile(r"reviewed=confirm"))
    assert "analyst: confirm" in page.locator(f"#a-{claim_id} .review-state").inner_text()

    page.goto(proposition_url)
    after = _grade(page)
    assert after >= before, (before, after)  # confirming checks the extraction: it never weakens its line
    assert "confirm" in page.locator(f"#r-{claim_id} .reviews").inner_text()
    page.screenshot(path=str(SHOTS / "6-proposition-after.png"))

    _assert_stayed_home(server, seen)


def test_browser_hostile_article_renders_inert(server: str, browser_page: tuple) -> None:
    page, seen = browser_page
    page.goto(server + f"/documents/{HOSTILE_NAME}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("article.text img").count() == 0 and page.locator("article.text script").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("article.text").inner_text()
    page.goto(server + "/search?q=pwned")
    assert page.evaluate("window.__pwned === undefined")
    page.screenshot(path=str(SHOTS / "7-hostile.png"))
    assert not seen["dialogs"]
    _assert_stayed_home(server, seen)


@pytest.mark.parametrize(("path", "drawn"), [
    ("/map", "#map.ready .leaflet-overlay-pane path"),
    ("/network?name=ISKP&depth=2", ".graph.ready canvas"),
    ("/docs", ".swagger-ui .opblock"),
    ("/timeline", "ol.timeline li.entry"),
])
def test_browser_enhanced_pages_draw_offline(server: str, browser_page: tuple, path: str, drawn: str) -> None:
    page, seen = browser_page
    page.goto(server + path)
    page.wait_for_selector(drawn, state="attached")
    assert page.locator(drawn).count() > 0
    page.screenshot(path=str(SHOTS / f"8-{path.strip('/').split('?')[0]}.png"))
    _assert_stayed_home(server, seen)


def _assert_stayed_home(server: str, seen: dict[str, list[str]]) -> None:
    away = [u for u in seen["requests"] if not u.startswith(server + "/") and not u.startswith("data:")]
    assert not away, f"requests left the app's origin: {away}"
    broken = [m for m in seen["console"] if "Content Security Policy" in m or "pageerror" in m]
    assert not broken, broken
