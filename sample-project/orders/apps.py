from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the receivers in signals.py.
        from . import signals  # noqa: F401
