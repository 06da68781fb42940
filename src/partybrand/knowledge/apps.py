from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "partybrand.knowledge"
    label = "knowledge"
    verbose_name = "党建AI问答"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from partybrand.core.audit_registry import register_actions, register_change_keys
        from partybrand.jobs.choices import JobKind
        from partybrand.jobs.registry import register_runner
        from partybrand.knowledge import index, jobs, sources
        from partybrand.knowledge.choices import AUDIT_CHANGE_KEYS, KnowledgeAudit

        register_actions(KnowledgeAudit)
        register_change_keys("knowledge", AUDIT_CHANGE_KEYS)
        register_runner(JobKind.KNOWLEDGE_PARSE, jobs.run_parse, steps=jobs.PARSE_STEPS)
        register_runner(JobKind.KNOWLEDGE_ANSWER, jobs.run_answer, steps=jobs.ANSWER_STEPS)
        sources.register_builtin()

        # A changed record's passages are read again once its change is committed.
        def follow(name, owner):
            def changed(sender, instance, **kwargs):
                pk = owner(instance)
                if pk is not None:
                    index.mark_changed(name, pk)

            return changed

        for name, source in sources.sources().items():
            for model, owner in source.watch.items():
                receiver = follow(name, owner)
                post_save.connect(receiver, sender=model, weak=False)
                post_delete.connect(receiver, sender=model, weak=False)
