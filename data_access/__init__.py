"""Everything that talks to the database: models, migrations, queries, loaders."""
