"""Property-based tests of the API against its own OpenAPI schema (schemathesis 4).

For every operation schemathesis generates requests from /openapi.json (25 examples each, fixed seed)
and checks: no 5xx, status codes and content types as documented, bodies that conform to the
response schemas.  The app is made when the module is collected (schemathesis needs its schema
then) over an empty knowledge base; the fixture below puts the small test knowledge base in its place.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from sitrep.web.app import create_app

CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]

_TMP = Path(tempfile.mkdtemp(prefix="sitrep-schema-"))
atexit.register(shutil.rmtree, _TMP, True)
APP = create_app(str(_TMP / "empty.db"), write_token=None)  # read-only: `save` is refused, nothing changes
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _small_kb(_kb_template: Path, tmp_path_factory: pytest.TempPathFactory):
    from sitrep.kb.store import KnowledgeBase

    path = tmp_path_factory.mktemp("schema-kb") / "kb.db"
    shutil.copyfile(_kb_template, path)
    empty, APP.state.kb = APP.state.kb, KnowledgeBase(str(path))
    yield
    APP.state.kb.engine.dispose()
    APP.state.kb = empty


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(checks=CHECKS)
