"""DataVersion: a number that grows with every committed change to business data (see audit.versioning).

PostgreSQL: a statement-level trigger on audit_auditevent marks the transaction once (a transaction-local
setting and one row in audit_versionbump); that row's deferred constraint trigger raises the number at
commit. So the counter row is locked only for the instant of the commit (no writer waits on another, no
deadlock), a bulk COPY of a million audit rows costs one trigger call per statement, and no reader ever sees
the new number before the data it stands for. SQLite (one writer at a time): a row trigger raises it
at once."""
from django.db import migrations, models

PG = """
CREATE OR REPLACE FUNCTION audit_mark_change() RETURNS trigger AS $$
BEGIN
  IF current_setting('thidua.data_changed', true) IS DISTINCT FROM '1' THEN
    PERFORM set_config('thidua.data_changed', '1', true);
    INSERT INTO audit_versionbump DEFAULT VALUES;
  END IF;
  RETURN NULL;
END; $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION audit_bump_version() RETURNS trigger AS $$
BEGIN
  INSERT INTO audit_dataversion (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = audit_dataversion.value + 1;
  DELETE FROM audit_versionbump WHERE id = NEW.id;
  RETURN NULL;
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_mark_change ON audit_auditevent;
CREATE TRIGGER audit_mark_change AFTER INSERT ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION audit_mark_change();
DROP TRIGGER IF EXISTS audit_bump_version ON audit_versionbump;
CREATE CONSTRAINT TRIGGER audit_bump_version AFTER INSERT ON audit_versionbump
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_bump_version();
"""
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS audit_bump_version AFTER INSERT ON audit_auditevent BEGIN "
    "INSERT INTO audit_dataversion (id, value) VALUES (1, 1) "
    "ON CONFLICT(id) DO UPDATE SET value = value + 1; END;",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG)
    elif vendor == "sqlite":
        for stmt in SQLITE:
            schema_editor.execute(stmt)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_mark_change ON audit_auditevent;")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_bump_version ON audit_versionbump;")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_bump_version;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_trim_indexes")]
    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID")),
                    ("value", models.BigIntegerField(default=0))],
            options={"verbose_name": "phiên bản dữ liệu"},
        ),
        migrations.CreateModel(
            name="VersionBump",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                               verbose_name="ID"))],
            options={"verbose_name": "đánh dấu thay đổi"},
        ),
        migrations.RunPython(forwards, backwards),
    ]
