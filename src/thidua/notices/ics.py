"""A user's open deadlines as an iCalendar feed (RFC 5545), for a phone or desktop calendar to subscribe."""
import datetime

from django.conf import settings
from icalendar import Calendar, Event

from thidua.notices.models import Deadline

PRODID = "-//thidua//Nhắc việc thi đua, khen thưởng//VI"


def deadlines_ics(user, *, now: datetime.datetime) -> bytes:
    """One all-day event per open or done deadline of the user (done ones marked so), newest first."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Việc cần làm – thi đua, khen thưởng")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    site = getattr(settings, "THIDUA_SITE_URL", "").rstrip("/")
    rows = Deadline.objects.filter(user=user, status__in=[Deadline.OPEN, Deadline.DONE]).order_by("-due")[:500]
    for d in rows:
        event = Event()
        event.add("uid", f"deadline-{d.pk}@thidua")
        event.add("dtstamp", now)
        event.add("dtstart", d.due)
        event.add("dtend", d.due + datetime.timedelta(days=1))
        event.add("summary", ("Đã xong: " if d.status == Deadline.DONE else "Hạn: ") + d.title)
        description = [d.moved_note + "." if d.moved_note else "", d.source]
        if d.url:
            link = f"{site}{d.url}" if d.url.startswith("/") else d.url
            description.append(link)
            event.add("url", link)
        event.add("description", "\n".join(x for x in description if x))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
