from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "partybrand.cases"
    label = "cases"
    verbose_name = "典型案例"

    def ready(self) -> None:
        from partybrand.brands.health import register_part_source
        from partybrand.cases.health import case_points

        register_part_source("influence", "cases", case_points)
        from partybrand.cases import kinds
        from partybrand.cases.choices import (
            AUDIT_CHANGE_KEYS,
            DOCUMENT_SECTION_KEYS,
            CasesAudit,
            CasesNotice,
        )
        from partybrand.core.audit_registry import (
            register_actions,
            register_change_keys,
            register_section_labels,
        )
        from partybrand.documents.registry import register_kind, register_subject
        from partybrand.notices.registry import register_kinds

        register_actions(CasesAudit)
        register_change_keys("cases", AUDIT_CHANGE_KEYS)
        register_section_labels("documents.document", DOCUMENT_SECTION_KEYS)
        register_kinds(CasesNotice)
        for subject in kinds.SUBJECTS:
            register_subject(subject)
        for kind in kinds.KINDS:
            register_kind(kind)
