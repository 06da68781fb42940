"""The indicator tables the platform ships as templates (DOMAIN.md §5)."""
