"""WSGI entry point for any server (gunicorn, uWSGI, ``speciosa serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "speciosa.settings")
application = get_wsgi_application()
