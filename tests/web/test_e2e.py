"""The pages in a real headless Chromium against a uvicorn server: graphs drawn, click-through, no article script runs.

Needs Chromium at /usr/bin/chromium (Debian's package; .ci/run installs it when it can) and Playwright's
Python package; without either the tests are skipped with the reason.  Screenshots go to
test-artifacts/screenshots/ (git-ignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from test_pages import EVIL_HTML, WRITE_TOKEN, build_kb  # noqa: E402 - the sibling module's knowledge base

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")


def _chromium() -> str | None:
    for path in (os.environ.get("SITREP_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                 shutil.which("chromium"), shutil.which("chromium-browser")):
        if path and Path(path).exists():
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (Python) is not installed")
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium found at /usr/bin/chromium (apt-get install chromium, or set SITREP_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, analysed_examples):
    import uvicorn

    from sitrep.web.app import create_app

    info = build_kb(tmp_path_factory.mktemp("e2e") / "kb.db", analysed_examples)
    app = create_app(info["kb"].url, write_token=WRITE_TOKEN)

    @app.middleware("http")
    async def strict_csp(request, call_next):  # the policy the API helper sets; added here if it is not there
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not srv.started:
        if time.time() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield {"base": f"http://127.0.0.1:{port}", **info}
    srv.should_exit = True
    thread.join(timeout=5)


class Watch:
    """A page with its dialogs, uncaught errors and CSP reports recorded."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        return self.page.goto(self.base + path, wait_until="networkidle")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()

    def check_clean(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert not [e for e in self.errors if "favicon" not in e], self.errors


@pytest.fixture
def watch(browser, server):
    w = Watch(browser, server["base"])
    yield w
    w.close()


def test_pages_draw(watch):
    page = watch.page
    watch.goto("/")
    assert page.locator("h1").inner_text() == "Overview"
    watch.shot("overview")

    watch.goto("/network")
    page.wait_for_selector("#graph[data-ready]")
    assert page.evaluate("window.sitrepCy.nodes().length") > 5
    assert page.evaluate("window.sitrepCy.edges().length") > 3
    assert page.locator("#graph canvas").count() >= 1
    watch.shot("network")

    watch.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.locator("#timeline rect.bar").count() > 3
    watch.shot("timeline")
    total = page.locator("#event-list tr.event-row").count()
    page.evaluate("window.sitrepTimeline.select('2024-02-01', '2024-02-29')")
    visible = page.locator("#event-list tr.event-row:not(.hidden)").count()
    assert 0 < visible < total
    assert "of" in page.locator("#event-count").inner_text()
    watch.shot("timeline-brushed")

    watch.goto("/map")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.event-dot").count() > 3
    watch.shot("map")
    watch.check_clean()


def test_click_through_network_actor_event_document(watch, server):
    page = watch.page
    watch.goto("/network")
    page.wait_for_selector("#graph[data-ready]")
    with page.expect_navigation():
        page.evaluate("id => window.sitrepCy.getElementById('a' + id).emit('tap')", server["us"])
    assert page.url.endswith(f"/actors/{server['us']}")
    assert page.locator("h1").inner_text() == "United States"
    watch.shot("actor")

    page.locator("table.events a[href^='/events/']").first.click()
    page.wait_for_load_state("networkidle")
    assert "/events/" in page.url
    assert page.locator(".account").count() >= 1
    watch.shot("event")

    page.locator("a.evidence-link").first.click()
    page.wait_for_load_state("networkidle")
    assert "/documents/" in page.url and "#ev-" in page.url
    target = page.locator(".doc-text .hl-target").first
    assert target.is_visible()
    assert target.inner_text().strip()
    watch.shot("document-evidence")
    watch.check_clean()


def test_disagreeing_sources(watch, server):
    watch.goto(f"/events/{server['merged_event']}")
    assert "3 vs 5" in watch.page.locator(".disagreements").inner_text()
    watch.shot("event-disagreement")
    watch.check_clean()


def test_hostile_article_runs_no_script(watch, server):
    page = watch.page
    watch.goto(f"/documents/{server['evil_doc']}")
    text = page.locator(".doc-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    watch.shot("document-hostile")

    watch.goto("/analyze")
    page.set_input_files("input[name=file]", files=[{"name": "evil.html", "mimeType": "text/html",
                                                      "buffer": EVIL_HTML.encode()}])
    with page.expect_navigation():
        page.click("form.analyze button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Kirkuk" in page.locator(".result .doc-text").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    watch.shot("analyze-upload")

    watch.goto("/analyze")
    page.fill("textarea[name=text]", "<script>alert(11)</script><img src=x onerror=alert(12)> Rebels shelled "
              "the town of Goma on Monday, killing three civilians, officials said.")
    with page.expect_navigation():
        page.click("form.analyze button[type=submit]")
    assert "<script>alert(11)</script>" in page.locator(".result .doc-text").inner_text()
    assert page.locator("main img").count() == 0
    watch.check_clean()


def test_analyst_session_filter_evidence_correct_reanalyse_undo(watch, server, tmp_path):
    """Filter the events table, open an event, follow a field's evidence into the document, correct the
    event's target, see it on the event, actor and network pages, re-ingest with --reanalyse, undo."""
    import json
    import subprocess
    import sys

    page = watch.page
    watch.goto("/events")
    page.select_option("form.filters select[name=type]", "ASSAULT")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    types = page.locator("table.data tr.row td:nth-child(2) a.type").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    assert "type=ASSAULT" in page.locator("a.download").first.get_attribute("href")
    watch.shot("events-table-filtered")

    # an event with a place read from its sentence
    rows = page.locator("table.data tr.row")
    for i in range(rows.count()):
        if rows.nth(i).locator("td:nth-child(5)").inner_text().strip():
            rows.nth(i).locator("td:first-child a").click()
            break
    page.wait_for_load_state("networkidle")
    event_url = page.url
    assert "/events/" in event_url
    watch.shot("event-workbench")

    link = page.locator("table.field-evidence tr:has(td:text-is('place')) a.span-link").first
    said = link.inner_text().strip("“”")
    link.click()
    page.wait_for_load_state("networkidle")
    focus = page.locator(".doc-text .hl-focus").first
    assert focus.is_visible() and focus.inner_text() == said
    watch.shot("document-field-evidence")

    watch.goto(event_url.removeprefix(server["base"]))
    page.fill("#write-token", WRITE_TOKEN)
    page.fill("#author", "e2e analyst")
    form = page.locator("form.correction[data-action=set]")
    form.locator("select[name=field]").select_option("targets")
    form.locator("input[name=value]").fill("Iran")
    form.locator("input[name=note]").fill("wrong target")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    targets = page.locator("dl.facts dt:text-is('Targets') + dd")
    assert targets.locator("a").all_inner_texts() == ["Iran"] and "corrected" in targets.inner_text()
    watch.shot("event-corrected")
    assert "wrong target" in page.locator("table.corrections").text_content()

    targets.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Iran"
    event_path = event_url.removeprefix(server["base"])
    assert page.locator(f"table.events a[href='{event_path}']").count() >= 1
    assert page.locator("table.events .corrected").count() >= 1
    watch.shot("actor-corrected")

    watch.goto("/network")
    page.wait_for_selector("#graph[data-ready]")
    assert page.evaluate("window.sitrepCy.edges().filter(e => e.target().data('label') === 'Iran' "
                         "&& e.data('type') === 'ASSAULT' && !e.hasClass('hidden')).length") >= 1
    watch.shot("network-corrected")

    # re-ingest the event's documents with --reanalyse: the correction stays
    detail = page.request.get(server["base"] + "/api" + event_path).json()
    records = []
    for src in detail["sources"]:
        d = page.request.get(f"{server['base']}/api/documents/{src['document']['id']}").json()
        records.append({k: d[k] for k in ("text", "published", "url", "source", "title")} | {"id": d["doc_key"]})
    path = tmp_path / "again.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = server["kb"].url.removeprefix("sqlite:///")
    done = subprocess.run([sys.executable, "-m", "sitrep", "-q", "ingest", str(path), "--db", db, "--reanalyse"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    watch.goto("/events?" + "target=Iran&type=ASSAULT")
    again = page.locator("table.data tr.row td:first-child a").first
    again.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("dl.facts dt:text-is('Targets') + dd a").all_inner_texts() == ["Iran"]
    watch.shot("event-after-reanalyse")

    with page.expect_navigation():
        page.locator("button.undo").first.click()
    page.wait_for_load_state("networkidle")
    assert "Iran" not in page.locator("dl.facts dt:text-is('Targets') + dd").inner_text()
    assert "undone" in page.locator("table.corrections").text_content()
    watch.shot("event-undone")
    watch.check_clean()


def test_table_pages_screenshots(watch):
    for table in ("events", "documents", "actors", "quotes", "relations"):
        watch.goto(f"/{table}")
        assert watch.page.locator("p.table-info .count").inner_text().split()[0].replace(",", "").isdigit()
        assert watch.page.locator("table.data tr.row").count() > 0
        watch.shot(f"table-{table}")
    watch.goto("/search?q=Kharkiv")
    assert watch.page.locator("main h2").count() >= 1
    watch.shot("search")
    watch.check_clean()
    watch.goto("/events/999999")  # the browser logs the 404 itself: after the check
    assert watch.page.locator("h1").inner_text() == "Not found"
    watch.shot("error-page")


def test_map_timeline_network_behaviour(watch):
    page = watch.page
    watch.goto("/map")
    page.wait_for_selector("#map[data-ready]")
    info = page.evaluate("window.sitrepMap")
    assert 0 < info["markers"] < info["events"]  # events at one place share a marker
    assert page.locator("#map .marker text.count").count() >= 1
    assert page.locator("#map .marker.area rect.area-dot").count() >= 1  # country- or region-level places
    first = page.locator("#map .marker").first
    first.hover()
    assert first.locator("text.place-label").is_visible()
    watch.shot("map-hover")

    watch.goto("/map?type=PROTEST")
    page.wait_for_selector("#map[data-ready]")
    assert page.evaluate("window.sitrepMap.scale") > info["scale"]  # fewer, closer events: zoomed in

    watch.goto("/timeline")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.evaluate("window.sitrepTimeline.interval") in ("week", "month")  # two years of events
    assert page.locator("#timeline rect.range").count() >= 1  # events dated to a month drawn as ranges
    watch.goto("/timeline?since=2024-01-01&until=2024-02-29")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.evaluate("window.sitrepTimeline.interval") == "day"

    watch.goto("/network")
    page.wait_for_selector("#graph[data-ready]")
    visible = "window.sitrepCy.nodes().filter(n => !n.hasClass('hidden')).length"
    shown = page.evaluate(visible)
    assert shown < page.evaluate("window.sitrepCy.nodes().length")  # isolated actors hidden
    page.check("input[name=isolated]")
    assert page.evaluate(visible) == page.evaluate("window.sitrepCy.nodes().length")
    page.uncheck("input[name=isolated]")
    page.uncheck("input[name=kind][value=hostile]")
    assert page.evaluate("window.sitrepCy.edges().filter(e => !e.hasClass('hidden') && "
                         "e.data('cls') === 'hostile').length") == 0
    page.check("input[name=kind][value=hostile]")
    page.fill("input[name=min_weight]", "2")
    page.dispatch_event("input[name=min_weight]", "change")
    assert page.evaluate("window.sitrepCy.edges().filter(e => !e.hasClass('hidden') && e.data('weight') < 2)"
                         ".length") == 0
    font = page.evaluate("window.sitrepCy.nodes()[0].renderedStyle('font-size')")
    assert float(font.rstrip("px")) >= 12  # readable on screen at the default zoom
    watch.shot("network-filtered")
    watch.check_clean()
