"""Alembic environment: the connection is handed over by sitrep.kb.migrations.upgrade()."""
from __future__ import annotations

from alembic import context

from sitrep.kb.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when alembic is run by hand with a URL
    raise RuntimeError("run migrations through sitrep.kb.migrations.upgrade(connection)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
