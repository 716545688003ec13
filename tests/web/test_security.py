"""Security of the web app: write token, body limit, JSON errors without tracebacks, security headers."""
from __future__ import annotations

import hmac
import logging

import pytest

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
TEXT = "BAGHDAD - Kataib Hezbollah attacked a military base in western Iraq on Sunday, officials said."


def _is_error(r, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    return body["error"]


def _has_headers(r) -> None:
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


# ---------------------------------------------------------------- headers
@pytest.mark.parametrize("path", ["/api/health", "/api/events", "/api/documents/999", "/api/nothing", "/openapi.json",
                                  "/static/vendor/README.md"])
def test_security_headers_everywhere(client, path):
    _has_headers(client.get(path))


def test_security_headers_on_errors(client, monkeypatch):
    _has_headers(client.post("/api/analyze", json={}))
    _has_headers(client.post("/api/analyze", content=b"x" * 3_000_000, headers={"content-type": "application/json"}))
    from sitrep.kb import query

    monkeypatch.setattr(query, "events", _boom)
    _has_headers(client.get("/api/events"))


def test_docs_page_allows_its_own_scripts_only(client):
    r = client.get("/docs")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_article_text_is_json_data(write_client, auth):
    evil = "<script>alert('x')</script> " + TEXT
    r = write_client.post("/api/analyze", json={"text": evil, "save": True}, headers=auth)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    doc = write_client.get(f"/api/documents/{r.json()['stored']['document_id']}")
    assert doc.headers["content-type"].startswith("application/json")
    assert doc.json()["text"] == evil  # data as it was, as a JSON string; the CSP keeps any page safe
    _has_headers(doc)


@pytest.fixture
def auth(write_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {write_token}"}


# ---------------------------------------------------------------- errors
def _boom(*args, **kwargs):
    raise RuntimeError("SECRET-INTERNAL-DETAIL in /srv/sitrep/query.py line 42")


def test_500_has_no_traceback(client, monkeypatch, caplog):
    from sitrep.kb import query

    monkeypatch.setattr(query, "events", _boom)
    with caplog.at_level(logging.ERROR, logger="sitrep.web"):
        r = client.get("/api/events")
    err = _is_error(r, 500)
    assert err["code"] == "internal_error"
    for needle in ("Traceback", "SECRET-INTERNAL-DETAIL", "RuntimeError", "query.py", 'File "'):
        assert needle not in r.text
    assert "SECRET-INTERNAL-DETAIL" in caplog.text  # logged on the server side, with the traceback
    assert any(rec.exc_info for rec in caplog.records)


def test_500_in_other_endpoints(client, monkeypatch):
    from sitrep.kb import query

    for name, path in (("network", "/api/network"), ("quotes", "/api/quotes"), ("_quote_records", "/api/search?q=x")):
        monkeypatch.setattr(query, name, _boom)
        r = client.get(path)
        assert _is_error(r, 500)["code"] == "internal_error"
        assert "SECRET" not in r.text and "Traceback" not in r.text


def test_validation_error_format(client):
    err = _is_error(client.get("/api/events", params={"limit": "many"}), 422)
    assert err["code"] == "invalid_request" and "limit" in err["message"]
    _is_error(client.get("/api/events/not-a-number"), 422)
    _is_error(client.get("/api/nothing"), 404)
    _is_error(client.delete("/api/events"), 405)


def test_database_unavailable_is_503(client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from sitrep.errors import SitrepError
    from sitrep.kb import query

    def gone(*a, **k):
        raise SitrepError("E020", "cannot open the database sqlite:////secret/path.db: disk I/O error")

    monkeypatch.setattr(query, "events", gone)
    err = _is_error(client.get("/api/events"), 503)
    assert err["code"] == "E020" and "/secret/path" not in err["message"]
    monkeypatch.setattr(query, "events", lambda *a, **k: (_ for _ in ()).throw(OperationalError("SELECT", {}, None)))
    r = client.get("/api/events")
    assert r.status_code == 500 and "SELECT" not in r.text


# ---------------------------------------------------------------- write token
def test_token_compared_in_constant_time(write_client, auth, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    r = write_client.post("/api/analyze", json={"text": TEXT, "save": True}, headers=auth)
    assert r.status_code == 200 and calls


@pytest.mark.parametrize("header,status", [(None, 401), ("Bearer", 401), ("Bearer ", 401), ("Token abc", 401),
                                           ("Bearer wrong-token", 403), ("Bearer test-write-token", 403)])
def test_bad_tokens(write_client, header, status):
    headers = {"Authorization": header} if header is not None else {}
    r = write_client.post("/api/analyze", json={"text": TEXT, "save": True}, headers=headers)
    _is_error(r, status)
    assert write_client.get("/api/health").json()["documents"] == 5


def test_read_only_server_refuses_every_save(client, auth):
    for headers in ({}, auth, {"Authorization": "Bearer "}):
        err = _is_error(client.post("/api/analyze", json={"text": TEXT, "save": True}, headers=headers), 403)
        assert err["code"] == "read_only"


def test_token_from_environment(monkeypatch):
    from sitrep.web.security import token_from_env

    monkeypatch.setenv("SITREP_WRITE_TOKEN", "from-env")
    assert token_from_env(None) == "from-env"
    assert token_from_env("given") == "given"
    monkeypatch.setenv("SITREP_WRITE_TOKEN", "")
    assert token_from_env(None) is None


def test_save_by_upload_needs_token(write_client, auth):
    html = f"<html><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>".encode()
    files = {"file": ("a.html", html, "text/html")}
    _is_error(write_client.post("/api/analyze", files=files, data={"save": "true"}), 401)
    r = write_client.post("/api/analyze", files=files, data={"save": "true"}, headers=auth)
    assert r.status_code == 200 and r.json()["stored"]["status"] == "new"


# ---------------------------------------------------------------- body limit
def test_body_limit_content_length(client):
    big = b'{"text": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    err = _is_error(client.post("/api/analyze", content=big, headers={"content-type": "application/json"}), 413)
    assert err["code"] == "payload_too_large"


def test_body_limit_chunked(client):
    sent = []

    def chunks():
        for _ in range(64):  # 64 x 64 KiB = 4 MiB, without a Content-Length
            sent.append(1)
            yield b"a" * 65536

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in r.request.headers
    _is_error(r, 413)


def test_body_limit_upload(client):
    files = {"file": ("big.html", b"<p>" + b"a" * (3 * 1024 * 1024) + b"</p>", "text/html")}
    _is_error(client.post("/api/analyze", files=files), 413)


def test_body_limit_configurable(kb_path, make_client):
    small = make_client(kb_path, max_body_bytes=1000)
    _is_error(small.post("/api/analyze", json={"text": "x" * 2000}), 413)
    assert small.post("/api/analyze", json={"text": TEXT}).status_code == 200


def test_body_limit_middleware_stops_reading():
    """The limit is enforced while the body streams in: no more is read after the limit is passed."""
    import asyncio

    from sitrep.web.security import BodyLimitMiddleware

    reads = 0
    sent: list[dict] = []

    async def app(scope, receive, send):
        while True:
            msg = await receive()
            if not msg.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive():
        nonlocal reads
        reads += 1
        return {"type": "http.request", "body": b"a" * 1000, "more_body": reads < 1000}

    async def send(msg):
        sent.append(msg)

    scope = {"type": "http", "method": "POST", "path": "/api/analyze", "headers": [(b"transfer-encoding", b"chunked")]}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=10_000)(scope, receive, send))
    assert sent[0]["status"] == 413 and reads == 11


# ---------------------------------------------------------------- serve
def test_serve_unopenable_database(tmp_path, capsys):
    from sitrep.cli import main

    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not a database, " * 200)
    assert main(["serve", "--db", str(bad)]) == 69
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 69
    assert main(["serve", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"]) == 69


def test_serve_runs_uvicorn(kb_path, monkeypatch):
    import uvicorn

    from sitrep.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("SITREP_WRITE_TOKEN", "")  # serve sets both: monkeypatch puts them back afterwards
    monkeypatch.setenv("SITREP_DB", "")
    assert main(["serve", "--db", str(kb_path), "--port", "8123", "--workers", "2", "--write-token", "tok"]) == 0
    assert seen["port"] == 8123 and seen["workers"] == 2 and seen["host"] == "127.0.0.1" and seen["factory"]
    from sitrep.web.command import app_from_env

    app = app_from_env()
    assert app.state.write_token == "tok"
    app.state.kb.engine.dispose()
