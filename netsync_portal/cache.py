"""Django's Redis cache backend, keeping its redis-py clients instead of building one per operation.

Django builds a new ``redis.Redis`` for every cache operation; on the production CPU its constructor
(response callbacks, options) costs more than the round trip to Redis, about a tenth of an API call
(bench/api.py). A client is a thin handle on its connection pool, safe to share between threads; the
pool reconnects after a fork (Celery's prefork workers). One client for reads and one for writes: with
the single ``LOCATION`` of our settings both use the same pool (with replicas, reads would stay on the
first one drawn).
"""

from __future__ import annotations

from typing import Any

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
