"""Login throttling a stranger cannot turn against a user (issue 11 §5): each attack of the adversarial run,
and the guessing the throttle must still slow down."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from establishments.throttling import DEVICE_COOKIE
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
STRANGER, OWNER, PROXY = "203.0.113.66", "198.51.100.7", "10.0.0.2"


def attempt(client: Client, username: str, password: str, **meta: Any) -> int:
    """POST the login form; 302 when logged in, 200 when refused."""
    response = client.post(reverse("login"), {"username": username, "password": password}, **meta)
    return response.status_code


def fail(times: int, username: str, address: str, client: Client | None = None) -> None:
    client = client or Client()
    for _ in range(times):
        attempt(client, username, "faux", REMOTE_ADDR=address)


def test_it_lets_the_owner_in_after_a_stranger_failed_on_their_username(admin_user):
    fail(5, "alice", STRANGER)
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 302


def test_it_still_refuses_the_stranger_after_five_failures_even_with_the_right_password(admin_user):
    fail(5, "alice", STRANGER)
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR=STRANGER) == 200


def test_it_lets_the_other_users_behind_an_address_in_after_twenty_failures_there(admin_user, concepteur_user):
    for number in range(20):
        fail(1, f"inconnu{number}", OWNER)
    fail(4, "bob", OWNER)
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 302
    assert attempt(Client(), "bob", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 302


def test_it_slows_a_username_guessed_from_many_addresses(admin_user, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 12
    for number in range(12):
        fail(1, "alice", f"203.0.113.{number}")
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR="192.0.2.1") == 200


def test_it_lets_the_owner_in_from_their_browser_whatever_strangers_did(admin_user, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 12
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    browser = Client()
    assert attempt(browser, "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 302
    assert DEVICE_COOKIE in browser.cookies
    browser.post(reverse("logout"))
    for number in range(12):
        fail(1, "alice", f"203.0.113.{number}")
        fail(1, f"inconnu{number}", OWNER)
    fail(5, "alice", OWNER)  # someone else at the owner's own address (a school's NAT)
    assert attempt(browser, "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 302


def test_it_throttles_the_owner_browser_on_its_own_failures(admin_user):
    browser = Client()
    attempt(browser, "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER)
    browser.post(reverse("logout"))
    fail(5, "alice", OWNER, client=browser)
    assert attempt(browser, "alice", TEST_PASSWORD, REMOTE_ADDR=OWNER) == 200


def test_it_ignores_a_forged_device_cookie(admin_user, settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 3
    fail(3, "alice", STRANGER)
    forged = Client()
    forged.cookies[DEVICE_COOKIE] = "eyJ1IjoiYWxpY2UiLCJkIjoiYWJjIn0:forged:signature"
    assert attempt(forged, "alice", TEST_PASSWORD, REMOTE_ADDR="192.0.2.1") == 200


def test_it_counts_clients_behind_the_trusted_proxy_apart(admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": STRANGER}
    for _ in range(5):
        attempt(Client(), "alice", "faux", **fail_meta)
    assert attempt(Client(), "alice", TEST_PASSWORD, **fail_meta) == 200
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER) == 302


def test_it_takes_the_address_the_trusted_proxy_appended_not_a_forged_one(admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):  # the stranger forges a new address each time; the proxy appends the real one
        attempt(Client(), "alice", "faux", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {STRANGER}")
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.99, {STRANGER}"}
    assert attempt(Client(), "alice", TEST_PASSWORD, **forged) == 200


def test_it_ignores_forwarded_headers_without_a_trusted_proxy(admin_user):
    for number in range(5):
        attempt(Client(), "alice", "faux", REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert attempt(Client(), "alice", TEST_PASSWORD, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR="192.0.2.99") == 200
