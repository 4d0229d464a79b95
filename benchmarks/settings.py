"""Settings for benchmark servers: the app's own settings, plus a URLconf with the framework-floor view."""

from speciosa.settings import *  # noqa: F403 (the bench server must run the app exactly as configured)

ROOT_URLCONF = "benchmarks.urls"
