import os

from django.core.wsgi import get_wsgi_application

from thidua.common.security import check_production

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
application = get_wsgi_application()
check_production()   # no serving on the default secret key outside debug
