"""PostgreSQL: trigram index for accent-insensitive substring search and pattern indexes for
subtree scope filters (LIKE 'path%'). SQLite uses the plain indexes of 0001."""
from django.db import migrations

PG_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON people_person USING gin (name_folded gin_trgm_ops);",
    "CREATE INDEX IF NOT EXISTS person_unit_path_pat ON people_person (unit_path varchar_pattern_ops);",
    "CREATE INDEX IF NOT EXISTS person_party_path_pat ON people_person (party_path varchar_pattern_ops);",
    "CREATE INDEX IF NOT EXISTS unit_path_pat ON organizations_unit (path varchar_pattern_ops);",
    "CREATE INDEX IF NOT EXISTS partyorg_path_pat ON organizations_partyorg (path varchar_pattern_ops);",
    "CREATE INDEX IF NOT EXISTS person_cccd_pat ON people_person (citizen_id varchar_pattern_ops);",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS person_name_trgm;", "DROP INDEX IF EXISTS person_unit_path_pat;",
    "DROP INDEX IF EXISTS person_party_path_pat;", "DROP INDEX IF EXISTS unit_path_pat;",
    "DROP INDEX IF EXISTS partyorg_path_pat;", "DROP INDEX IF EXISTS person_cccd_pat;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for s in PG_UP:
            schema_editor.execute(s)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for s in PG_DOWN:
            schema_editor.execute(s)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("organizations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
