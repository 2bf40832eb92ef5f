"""Use cases of the investment app, one module per topic: enquiries (sending, routing,
scoring), cases (stages, gates, handover, notes and tasks, the silence rule, reminders) and
the audit trail that every change writes."""
