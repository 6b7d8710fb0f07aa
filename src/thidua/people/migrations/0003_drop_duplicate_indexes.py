"""PostgreSQL: Django already gives `db_index`/`unique` CharFields a varchar_pattern_ops "_like"
index, so three pattern indexes of 0002 were exact duplicates that only slowed inserts."""
from django.db import migrations

DUPLICATES = ["person_cccd_pat", "person_unit_path_pat", "person_party_path_pat", "unit_path_pat", "partyorg_path_pat"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in DUPLICATES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name};")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_search_indexes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
