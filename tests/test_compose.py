"""No Docker engine runs here: the compose file and the Dockerfile are checked against the code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_SOURCE = "\n".join(p.read_text() for p in (ROOT / "netsync_portal").rglob("*.py"))
# Variables read by the postgres image or used by Django itself rather than our settings.
THIRD_PARTY_ENV = {"DJANGO_SETTINGS_MODULE", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}


def _env_names(service: dict) -> set[str]:
    environment = service.get("environment", {})
    return set(environment if isinstance(environment, dict) else (item.split("=")[0] for item in environment))


def test_it_defines_the_production_services():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(COMPOSE["services"])


def test_every_environment_variable_is_read_by_the_settings():
    for name, service in COMPOSE["services"].items():
        for variable in _env_names(service) - THIRD_PARTY_ENV:
            assert re.search(rf"""env(\.\w+)?\(\s*["']{variable}["']""", SETTINGS_SOURCE), f"{name}: {variable}"


def test_the_example_env_file_names_only_known_variables():
    names = {
        line.split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    for variable in names - THIRD_PARTY_ENV:
        assert re.search(rf"""env(\.\w+)?\(\s*["']{variable}["']""", SETTINGS_SOURCE), variable


def test_the_django_services_use_production_settings_and_existing_modules():
    for name in ("web", "worker", "beat"):
        service = COMPOSE["services"][name]
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "netsync_portal.settings.production"
    assert "netsync_portal.wsgi:application" in COMPOSE["services"]["web"]["command"]
    assert (ROOT / "netsync_portal" / "wsgi.py").exists()


def test_the_worker_consumes_the_configured_queues():
    command = COMPOSE["services"]["worker"]["command"]
    queues = set(command[command.index("-Q") + 1].split(","))
    assert queues == {queue.name for queue in settings.CELERY_TASK_QUEUES}


def test_the_dockerfile_copies_paths_that_exist():
    for source in re.findall(r"^COPY (?!--)(\S+)", (ROOT / "Dockerfile").read_text(), flags=re.M):
        assert (ROOT / source).exists(), source


def test_the_dockerfile_copies_every_django_app():
    dockerfile = (ROOT / "Dockerfile").read_text()
    local_apps = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    for app in local_apps:
        assert f"COPY {app} ./{app}" in dockerfile, app


def test_every_management_command_in_compose_exists():
    from django.core.management import get_commands

    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"manage\.py (\w+)", text))
    assert used and used <= set(get_commands()), used - set(get_commands())


def test_the_sandbox_service_is_optional():
    assert COMPOSE["services"]["netsynchro-sandbox"]["profiles"] == ["sandbox"]
