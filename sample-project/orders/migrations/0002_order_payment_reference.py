from django.db import migrations, models


def copy_legacy_references(apps, schema_editor):
    """Orders paid before ACME Pay kept their reference in the number, as `NUMBER/REF`."""
    Order = apps.get_model("orders", "Order")
    legacy = Order.objects.filter(number__contains="/").only("pk", "number")
    for order in legacy.iterator(chunk_size=500):
        number, reference = order.number.split("/", 1)
        Order.objects.filter(pk=order.pk).update(number=number, payment_reference=reference)


class Migration(migrations.Migration):

    dependencies = [
        ("orders", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="payment_reference",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(copy_legacy_references, migrations.RunPython.noop),
    ]
