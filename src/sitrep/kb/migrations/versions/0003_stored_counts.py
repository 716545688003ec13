"""stored counts: documents per actor and per relation, newest report date per quote (issue 12, load)

The table pages sorted by these on every page by grouping every actor link, relation report and
quote report (366 ms and 2.9 s on 10,000 documents); now they are columns kept by
sitrep.kb.counts on every write, filled here from the reports an existing database holds.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 19:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

BACKFILL = [
    "UPDATE actors SET n_documents = (SELECT count(DISTINCT l.document_id) FROM actor_links l "
    "WHERE l.actor_id = actors.id)",
    "UPDATE relations SET n_documents = (SELECT count(DISTINCT r.document_id) FROM relation_reports r "
    "WHERE r.relation_id = relations.id)",
    "UPDATE quotes SET latest_published = (SELECT max(d.published) FROM quote_reports r "
    "JOIN documents d ON d.id = r.document_id WHERE r.quote_id = quotes.id)",
]


def upgrade() -> None:
    # plain ADD COLUMN (no table copy): SQLite and PostgreSQL both take a NOT NULL column with a default
    op.add_column('actors', sa.Column('n_documents', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('relations', sa.Column('n_documents', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('quotes', sa.Column('latest_published', sa.String(length=10), nullable=True))
    for sql in BACKFILL:
        op.execute(sql)
    op.create_index('ix_actors_n_documents', 'actors', ['n_documents', 'id'], unique=False)
    op.create_index('ix_quotes_latest_published', 'quotes', ['latest_published', 'id'], unique=False)
    op.create_index('ix_relations_n_documents', 'relations', ['n_documents', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_relations_n_documents', table_name='relations')
    op.drop_index('ix_quotes_latest_published', table_name='quotes')
    op.drop_index('ix_actors_n_documents', table_name='actors')
    # plain DROP COLUMN (SQLite 3.35+): a batch copy of these tables would trip their foreign keys
    op.drop_column('quotes', 'latest_published')
    op.drop_column('relations', 'n_documents')
    op.drop_column('actors', 'n_documents')
