"""The soak's site: a fresh PostgreSQL database, Redis, the production settings, editors.

create_database()/drop_database() make and remove `soak_<pid>` on the PostgreSQL server;
site_env() is the environment of manage.py, gunicorn and the soak process itself:
`config.settings.prod` as in production, with only what plain HTTP on 127.0.0.1 needs turned
off (SECURE_SSL_REDIRECT, SECURE_COOKIES). prepare() migrates, loads the starter content and
collects static files (the production storage needs its manifest); flush_redis() empties the
soak's Redis database. After django.setup(), create_editors() adds staff members of the Editors
group and pick_targets() chooses what they edit.
"""

import os
import random
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
from django.apps import apps
from django.contrib.auth.hashers import make_password
from psycopg import sql
from soak_editors import Target

PROJECT_DIR = Path(__file__).resolve().parent.parent
# (app, model, the text field each save changes): every content model an editor edits alone.
EDITED = [
    ("content", "article", "summary"),
    ("comparisons", "cell", "text"),
    ("comparisons", "strategy", "summary"),
    ("comparisons", "dimension", "description"),
    ("comparisons", "option", "label"),
    ("glossary", "term", "short_definition"),
]


def database_url(server_url, name):
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path="/" + name))


def create_database(server_url, name):
    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server_url, name):
    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))


def site_env(db_url, redis_url):
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies a plain-HTTP client sends back.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
    }


def prepare(env):
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_starter"], ["collectstatic", "--noinput"]):
        subprocess.run(
            manage + command, cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL
        )


def flush_redis(redis_url):
    redis.Redis.from_url(redis_url).flushdb()


def create_editors(count, password, group_name):
    """`count` staff users in the Editors group, sharing one password (hashed once)."""
    user_model = apps.get_model("auth", "User")
    group = apps.get_model("auth", "Group").objects.get(name=group_name)
    hashed = make_password(password)
    names = [f"editor{number}" for number in range(1, count + 1)]
    for name in names:
        user = user_model.objects.create(username=name, password=hashed, is_staff=True)
        user.groups.add(group)
    return names


def pick_targets(per_model, seed):
    """Up to `per_model` objects of each edited model: few enough that editors meet."""
    rng = random.Random(seed)
    targets = []
    for app, model, field in EDITED:
        pks = list(apps.get_model(app, model).objects.order_by("pk").values_list("pk", flat=True))
        chosen = rng.sample(pks, min(per_model, len(pks)))
        targets += [Target(app, model, pk, field) for pk in sorted(chosen)]
    return targets
