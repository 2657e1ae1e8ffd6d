"""Alembic runs the studio's migrations on the connection :func:`castkit.studio.db.migrate` hands it."""

from alembic import context

from castkit.studio.db import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
