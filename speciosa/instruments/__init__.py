"""Validated questionnaires: schedules, responses with their scores, reminders and the calendar feed."""
