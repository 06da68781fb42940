"""`job_finished(sender=Job, job=job)`: sent once each time a job ends, done or failed.

The notification centre (notices, above jobs) connects to it in its ready()."""

from django.dispatch import Signal

job_finished = Signal()
