"""The Redis cache keeps its redis-py clients (Django builds one per operation) and behaves as Django's."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from django.core.cache import caches

from netsync_portal.cache import RedisCache, window_count


def test_the_configured_cache_is_the_client_keeping_backend():
    assert isinstance(caches["default"], RedisCache)


def test_it_reuses_one_client_for_every_read_and_one_for_every_write():
    client = caches["default"]._cache
    reads = client.get_client() is client.get_client()
    writes = client.get_client(write=True) is client.get_client(write=True)
    assert (reads, writes) == (True, True)


def test_it_stores_and_counts_as_djangos_cache_does():
    cache = caches["default"]
    cache.set("greeting", {"texte": "Bonjour"}, 60)
    cache.set("counter", 1, 60)
    cache.incr("counter", 2)
    assert (cache.get("greeting"), cache.get("counter"), cache.get_many(["greeting", "absent"])) == (
        {"texte": "Bonjour"},
        3,
        {"greeting": {"texte": "Bonjour"}},
    )


def test_concurrent_requests_of_one_token_never_pass_the_limit_together(db):
    with ThreadPoolExecutor(max_workers=10) as pool:
        counts = list(pool.map(lambda _: window_count("api-throttle:test", 60), range(50)))
    assert sorted(counts) == list(range(1, 51))
