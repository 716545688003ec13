"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 00:41:08.004421
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=512), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('wikidata', sa.String(length=32), nullable=True),
    sa.Column('registry_id', sa.String(length=128), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['merged_into_id'], ['actors.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('registry_id')
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_name'), ['name'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_key', sa.String(length=512), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('source', sa.String(length=512), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('analysis', sa.JSON(), nullable=False),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash'),
    sa.UniqueConstraint('url')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_doc_key'), ['doc_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('span_days', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('place', sa.String(length=256), nullable=True),
    sa.Column('place_kind', sa.String(length=16), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('fatalities_min', sa.Integer(), nullable=True),
    sa.Column('fatalities_max', sa.Integer(), nullable=True),
    sa.Column('injuries_min', sa.Integer(), nullable=True),
    sa.Column('injuries_max', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date_start'), ['date_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)
        batch_op.create_index('ix_events_type_date', ['type', 'date_start'], unique=False)

    op.create_table('actor_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=512), nullable=False),
    sa.Column('norm', sa.String(length=512), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('actor_id', 'norm')
    )
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_aliases_norm'), ['norm'], unique=False)

    op.create_table('actor_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=512), nullable=False),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.Column('how', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'local_id')
    )
    with op.batch_alter_table('actor_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_links_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_links_document_id'), ['document_id'], unique=False)

    op.create_table('event_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=True),
    sa.Column('date', sa.String(length=24), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('location', sa.JSON(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('injuries', sa.Integer(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.Column('evidence_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'local_id')
    )
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_reports_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_reports_event_id'), ['event_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('norm', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['speaker_id'], ['actors.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['object_id'], ['actors.id'], ),
    sa.ForeignKeyConstraint(['subject_id'], ['actors.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject_id', 'type', 'object_id')
    )
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relations_object_id'), ['object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relations_subject_id'), ['subject_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], ),
    sa.ForeignKeyConstraint(['report_id'], ['event_reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_report_id'), ['report_id'], unique=False)

    op.create_table('quote_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('speaker_text', sa.String(length=512), nullable=True),
    sa.Column('cue', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'local_id')
    )
    with op.batch_alter_table('quote_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_reports_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_reports_quote_id'), ['quote_id'], unique=False)

    op.create_table('relation_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('relation_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.Column('evidence_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relation_id'], ['relations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('relation_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relation_reports_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relation_reports_relation_id'), ['relation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('relation_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relation_reports_relation_id'))
        batch_op.drop_index(batch_op.f('ix_relation_reports_document_id'))

    op.drop_table('relation_reports')
    with op.batch_alter_table('quote_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_reports_quote_id'))
        batch_op.drop_index(batch_op.f('ix_quote_reports_document_id'))

    op.drop_table('quote_reports')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_report_id'))
        batch_op.drop_index(batch_op.f('ix_participants_actor_id'))

    op.drop_table('participants')
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relations_subject_id'))
        batch_op.drop_index(batch_op.f('ix_relations_object_id'))

    op.drop_table('relations')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_reports_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_reports_document_id'))

    op.drop_table('event_reports')
    with op.batch_alter_table('actor_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_links_document_id'))
        batch_op.drop_index(batch_op.f('ix_actor_links_actor_id'))

    op.drop_table('actor_links')
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_aliases_norm'))

    op.drop_table('actor_aliases')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type_date')
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index(batch_op.f('ix_events_date_start'))
        batch_op.drop_index(batch_op.f('ix_events_country'))

    op.drop_table('events')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))
        batch_op.drop_index(batch_op.f('ix_documents_doc_key'))

    op.drop_table('documents')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_name'))
        batch_op.drop_index(batch_op.f('ix_actors_merged_into_id'))

    op.drop_table('actors')
