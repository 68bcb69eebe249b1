"""Django's Redis cache backend, keeping its redis-py clients instead of building one per operation, and
the counters in a window that the throttles and the API's page cache share.

Django builds a new ``redis.Redis`` for every cache operation; on the production CPU its constructor
(response callbacks, options) costs more than the round trip to Redis, about a tenth of an API call
(bench/api.py). A client is a thin handle on its connection pool, safe to share between threads; the
pool reconnects after a fork (Celery's prefork workers). One client for reads and one for writes: with
the single ``LOCATION`` of our settings both use the same pool (with replicas, reads would stay on the
first one drawn).
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        client = self._clients.get(write)
        if client is None:
            client = self._clients[write] = super().get_client(key, write=write)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


def window_count(key: str, seconds: int) -> int:
    """Add one to the counter ``key``, which starts at the first call and lives ``seconds``; return its
    new value. Atomic on Redis: concurrent callers each get their own value."""
    cache = caches["default"]
    if isinstance(cache, django_redis.RedisCache):
        # Both commands in one round trip; SET NX starts the window, never extends it. Django's cache
        # stores integers as plain Redis integers, so ``cache.get`` still reads the counter.
        full_key = cache.make_and_validate_key(key)
        pipeline = cache._cache.get_client(full_key, write=True).pipeline(transaction=False)
        pipeline.set(full_key, 0, ex=seconds, nx=True)
        pipeline.incr(full_key)
        return int(pipeline.execute()[1])
    # The file cache of ``make run``: one process, no race worth a lock.
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return 1
