"""Fixtures for the web app: a small knowledge base built from short news paragraphs, and test clients.

The documents (written for these tests) hold: a port strike in Rotterdam reported twice (Dutch and
English, with different numbers of strikers), a climate protest with arrests and a quoted
spokeswoman, and a drone attack by the Iran-backed group Kataib Hezbollah reported twice with
different death tolls (three in English, five in Dutch), with a US threat and a quote of Lloyd Austin.

- ``web_documents``: the input records (id, text, published, language, source, url, title);
- ``kb_path``: a fresh copy of the knowledge base (a SQLite file in tmp_path) per test;
- ``client``: a read-only TestClient over it; ``write_client``: one whose server has the write token
  ``WRITE_TOKEN`` (the client itself sends no Authorization header: tests add it);
- ``make_client(kb_path, write_token=None, **create_app_kwargs)``: any other client.
Server errors come back as responses (``raise_server_exceptions=False``), as a browser would see them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import sitrep

WRITE_TOKEN = "test-write-token-0123456789"

DOCUMENTS: list[dict[str, str]] = [
    {"id": "nl-staking-1", "published": "2024-03-12", "language": "nl", "source": "Testkrant",
     "url": "https://news.example.org/nl/staking-1", "title": "Havenstaking in Rotterdam",
     "text": ("ROTTERDAM - Duizenden havenarbeiders in Rotterdam zijn dinsdag in staking gegaan voor hogere lonen. "
              "Volgens vakbond FNV legden ongeveer 4000 werknemers het werk neer. "
              "\"We blijven staken tot de werkgevers met een beter bod komen,\" zei FNV-bestuurder Niels Jansen. "
              "De haven lag de hele dag grotendeels stil.")},
    {"id": "en-strike-2", "published": "2024-03-12", "language": "en", "source": "Test Wire",
     "url": "https://news.example.org/en/strike-2", "title": "Rotterdam dockworkers strike",
     "text": ("ROTTERDAM - About 2500 dockworkers walked off the job in Rotterdam on Tuesday in a protest over wages, "
              "the port authority said. The union FNV put the number of strikers at 4000. "
              "Shipping traffic was halted for most of the day.")},
    {"id": "en-protest-3", "published": "2024-04-20", "language": "en", "source": "Test Wire",
     "url": "https://news.example.org/en/protest-3", "title": "Arrests at climate protest in The Hague",
     "text": ("THE HAGUE - Police arrested 120 protesters on Saturday when climate activists blocked the A12 "
              "motorway in The Hague. The protesters demanded an end to fossil fuel subsidies. "
              "\"Our patience has run out,\" said Extinction Rebellion spokeswoman Anna de Boer.")},
    {"id": "en-militia-4", "published": "2024-02-05", "language": "en", "source": "Test Wire",
     "url": "https://news.example.org/en/militia-4", "title": "Drone attack in Iraq",
     "text": ("BAGHDAD - The Iran-backed group Kataib Hezbollah attacked American troops at a military base in western Iraq with drones "
              "on Sunday, killing three soldiers, officials said. The United States blamed Kataib Hezbollah for "
              "the attack and threatened to respond. \"We will hold those responsible to account,\" "
              "US Defense Secretary Lloyd Austin said.")},
    {"id": "nl-militie-5", "published": "2024-02-06", "language": "nl", "source": "Testkrant",
     "url": "https://news.example.org/nl/militie-5", "title": "Droneaanval op basis in Irak",
     "text": ("BAGDAD - De militie Kataib Hezbollah doodde zondag vijf Amerikaanse militairen bij een drone-aanval "
              "op een basis in het westen van Irak. De door Iran gesteunde groep eiste de aanval op. "
              "De Verenigde Staten dreigden met vergelding.")},
]


@pytest.fixture(scope="session")
def web_documents() -> list[dict[str, str]]:
    return [dict(d) for d in DOCUMENTS]


@pytest.fixture(scope="session")
def _kb_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The knowledge base, built once per session (each test gets a copy)."""
    from sitrep.kb.store import KnowledgeBase

    path = tmp_path_factory.mktemp("web-kb") / "kb.db"
    kb = KnowledgeBase(str(path))
    for d in DOCUMENTS:
        kb.add(sitrep.analyze(d["text"], published=d["published"], language=d["language"], doc_id=d["id"],
                              source=d["source"], url=d["url"], title=d["title"]))
    kb.engine.dispose()  # the last connection closes: the WAL is checkpointed into the file
    return path


@pytest.fixture
def kb_path(_kb_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the small knowledge base, in tmp_path."""
    path = tmp_path / "kb.db"
    shutil.copyfile(_kb_template, path)
    return path


@pytest.fixture
def write_token() -> str:
    return WRITE_TOKEN


@pytest.fixture
def make_client():
    clients: list[TestClient] = []

    def make(db: Path | str, write_token: str | None = None, **kwargs) -> TestClient:
        from sitrep.web.app import create_app

        c = TestClient(create_app(str(db), write_token, **kwargs), raise_server_exceptions=False)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()
        c.app.state.kb.engine.dispose()


@pytest.fixture
def client(kb_path: Path, make_client) -> TestClient:
    """A read-only client (the server has no write token)."""
    return make_client(kb_path)


@pytest.fixture
def write_client(kb_path: Path, make_client) -> TestClient:
    """A client of a server with the write token WRITE_TOKEN (send it yourself: Authorization: Bearer ...)."""
    return make_client(kb_path, WRITE_TOKEN)
