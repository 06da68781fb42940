from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_compilation_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="casephoto",
            name="caption",
            field=models.CharField(blank=True, max_length=60, verbose_name="图片说明"),
        ),
    ]
