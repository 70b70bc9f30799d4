from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from catalog.models import Category, Product

from .models import Order
from .services import OutOfStock, place_order


class PlaceOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.customer = get_user_model().objects.create_user("ada", "ada@example.com", "pw")
        books = Category.objects.create(name="Books", slug="books")
        cls.book = Product.objects.create(category=books, name="Two Scoops", slug="two-scoops", price=Decimal("39.90"), stock=3)

    def test_reserves_stock_and_queues_the_confirmation_after_commit(self):
        with mock.patch("orders.services.send_order_confirmation.delay") as delay:
            with self.captureOnCommitCallbacks(execute=True):
                order = place_order(self.customer, {self.book.pk: 2})
        self.book.refresh_from_db()
        self.assertEqual(self.book.stock, 1)
        self.assertEqual(order.total, Decimal("79.80"))
        delay.assert_called_once_with(order.pk)

    def test_out_of_stock_leaves_nothing_behind(self):
        with self.assertRaises(OutOfStock):
            place_order(self.customer, {self.book.pk: 5})
        self.assertFalse(Order.objects.exists())


class OrderListQueryCountTests(TestCase):
    def test_order_list_does_not_query_per_item(self):
        customer = get_user_model().objects.create_user("bob", "bob@example.com", "pw")
        pens = Category.objects.create(name="Pens", slug="pens")
        pen = Product.objects.create(category=pens, name="Pen", slug="pen", price=Decimal("2.50"), stock=100)
        for _ in range(5):
            place_order(customer, {pen.pk: 1})
        self.client.force_login(customer)
        # session, user, savepoint pair (ATOMIC_REQUESTS), page count, orders, items, products:
        # the same for 5 orders as for 500
        with self.assertNumQueries(8):
            response = self.client.get(reverse("order-list"))
        self.assertEqual(response.status_code, 200)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", DEFAULT_FROM_EMAIL="shop@example.com")
class ConfirmationEmailTests(TestCase):
    def test_the_confirmation_is_mailed_to_the_customer(self):
        from .tasks import send_order_confirmation

        customer = get_user_model().objects.create_user("cy", "cy@example.com", "pw")
        pens = Category.objects.create(name="Pens", slug="pens")
        pen = Product.objects.create(category=pens, name="Pen", slug="pen", price=Decimal("2.50"), stock=10)
        with mock.patch("orders.services.send_order_confirmation.delay"):
            order = place_order(customer, {pen.pk: 1})
        send_order_confirmation(order.pk)
        self.assertEqual(mail.outbox[0].to, ["cy@example.com"])
        self.assertEqual(mail.outbox[0].from_email, "shop@example.com")
