"""Database triggers that refuse UPDATE and DELETE on fund ledger entries (append-only, even for raw SQL).

One exception on PostgreSQL: `thidua demo --reset` removes the demo units' ledgers inside a transaction
that sets `thidua.fund_purge = 'demo'` (fund.services.fund_purge_demo, operator only, audited).

As for the audit events (audit/migrations/0002): PostgreSQL refuses UPDATE and DELETE (TRUNCATE, used
only by the test runner's flush, stays possible); SQLite refuses UPDATE, and DELETE is refused by the
model and its queryset because the test runner flushes SQLite with DELETE."""
from django.db import migrations

PG = """
CREATE OR REPLACE FUNCTION fund_entry_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('thidua.fund_purge', true) = 'demo' THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'fund_fundentry is append-only';
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS fund_entry_no_update ON fund_fundentry;
CREATE TRIGGER fund_entry_no_update BEFORE UPDATE OR DELETE ON fund_fundentry
FOR EACH ROW EXECUTE FUNCTION fund_entry_append_only();
"""
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS fund_entry_no_update BEFORE UPDATE ON fund_fundentry "
    "BEGIN SELECT RAISE(ABORT, 'fund_fundentry is append-only'); END;",
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
        schema_editor.execute("DROP TRIGGER IF EXISTS fund_entry_no_update ON fund_fundentry;")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS fund_entry_no_update;")


class Migration(migrations.Migration):
    dependencies = [("fund", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
