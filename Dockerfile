# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
# The lock pins every package and the hash of every file (see `make lock` in the README).
COPY requirements/base.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=netsync_portal.settings.production
RUN useradd --system --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY manage.py ./
COPY netsync_portal ./netsync_portal
COPY establishments ./establishments
COPY accounts ./accounts
COPY audit ./audit
COPY certificates ./certificates
COPY siecle ./siecle
COPY timetables ./timetables
COPY netsynchro ./netsynchro
COPY jobs ./jobs
COPY refresh ./refresh
COPY exports ./exports
COPY api ./api
COPY templates ./templates
COPY static ./static
COPY public ./public
# collectstatic needs settings to load, not real secrets: throwaway values for this step only.
RUN SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://localhost:6379/0 \
    ALLOWED_HOSTS=localhost CERTIFICATE_KEYS=build:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput -v 0 && mkdir -p /app/var /pki /job-files && chown -R app /app/var /pki /job-files
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "netsync_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
