"""Sign-in lockout (django-axes) with two limits.

* Per user name at the client's address (AXES_LOCKOUT_PARAMETERS, AXES_FAILURE_LIMIT): the
  lock someone suffers comes only from failures at their own address, so knowing a user
  name is not enough to lock its owner out.
* Per address alone (SIGN_IN_ADDRESS_FAILURE_LIMIT, higher): a password spray — many user
  names tried from one address — locks that address.

Axes compares the largest count over its parameter sets with one limit, so listing
"ip_address" as a second set would lock an address after AXES_FAILURE_LIMIT failures under
any names; and a successful sign-in would wipe the address's count (AXES_RESET_ON_SUCCESS
resets every set), letting a sprayer with an account of their own start again. This handler
keeps axes' per-name count and adds the address count beside it. A completed password reset
lifts the user name's lock (`lift_lock`), not the address's.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    """Failed sign-ins from the request's client address, under any user name, within the
    cool-off period."""
    address = getattr(request, "axes_ip_address", None)
    if address is None:
        return 0
    total = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def address_is_locked(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


class SignInLockoutHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler, plus the lock of a spraying address."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        own = super().get_failures(request, credentials)
        if address_is_locked(request):
            return max(own, get_failure_limit(request, credentials))
        return own


def lift_lock(*, username: str) -> int:
    """Forget the failed sign-ins under `username`, from every address: its owner has just
    proved they hold the mailbox of the account. Returns how many records went."""
    return reset(username=username)
