"""Alembic migrations of the knowledge base, run from code (no alembic.ini needed)."""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

HERE = Path(__file__).parent


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection, revision: str = "head") -> None:
    # Alembic reports every step at INFO; a routine upgrade is not news for a sitrep user
    logging.getLogger("alembic").setLevel(logging.WARNING)
    command.upgrade(config(connection), revision)
