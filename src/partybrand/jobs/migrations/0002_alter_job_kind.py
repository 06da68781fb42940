from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=models.CharField(
                choices=[
                    ("member_import", "导入党员"),
                    ("org_import", "导入组织"),
                    ("member_export", "导出党员名册"),
                    ("org_export", "导出组织"),
                    ("audit_export", "导出审计日志"),
                    ("theme_index_rebuild", "重建品牌相似度索引"),
                ],
                max_length=40,
                verbose_name="任务类型",
            ),
        ),
    ]
