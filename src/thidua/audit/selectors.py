from thidua.audit.models import AuditEvent


def audit_for_object(obj, limit: int = 100):
    """Events of the object and of the rows shown on its page (postings, history…)."""
    return list(
        AuditEvent.objects.filter(subject=f"{obj._meta.label_lower}:{obj.pk}").select_related("actor")[:limit]
    )
