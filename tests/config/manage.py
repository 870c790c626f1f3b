"""Running manage.py in a subprocess, with only the environment a test gives it."""

import os
import subprocess
import sys

from django.conf import settings


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
