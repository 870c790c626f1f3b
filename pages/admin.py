"""The admins of installed libraries (users, groups, sign-in lockouts), with the site's rule
for malformed action ids (editorial.admin.CheckedActions); the content admins have it already.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from editorial.admin import CheckedActions

LIBRARY_ADMINS = {
    User: UserAdmin,
    Group: GroupAdmin,
    AccessAttempt: AccessAttemptAdmin,
    AccessLog: AccessLogAdmin,
    AccessFailureLog: AccessFailureLogAdmin,
}

for model, library_admin in LIBRARY_ADMINS.items():
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        checked = type(library_admin.__name__, (CheckedActions, library_admin), {})
        admin.site.register(model, checked)
