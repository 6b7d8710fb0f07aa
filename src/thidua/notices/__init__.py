"""The working calendar (holidays, days off, make-up days), deadlines, the to-do list and reminders."""
