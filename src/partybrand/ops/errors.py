"""The one error of backups and restores: what was refused and why, in words for the operator."""


class Refused(Exception):
    """A backup or restore that did not happen (nothing was changed); the message says why."""
