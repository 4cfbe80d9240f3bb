"""The second factor of a request, read from the database only when something asks.

django-otp's OTPMiddleware loads the device named in the session as soon as `request.user`
is touched, so every signed-in page paid a query for it. Here `user.otp_device` (and
`user.is_verified()`, which reads it) looks the device up on first use, with the same
checks: the device still exists, is confirmed and is the user's own, else the session
forgets it. Pages that never ask — most of them: the gates are the Secretariat's, the
admin's and the DIEF's — cost no query for it, and a device removed or unconfirmed still
stops verifying at once, on the next request that asks.
"""

from __future__ import annotations

import functools

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware, is_verified

# The lookup of the request's device, kept on the user until `otp_device` is first read.
_LOOKUP = "_otp_device_lookup"


class SessionDevice:
    """`User.otp_device`: the device that verified the request's session, or None.

    A non-data descriptor: its first read stores the device on the instance, which then
    answers every later read, and django-otp's `login()` sets the attribute as before. A
    user outside a request (a task, a command) has no verified device."""

    def __get__(self, user, owner=None):
        if user is None:
            return self
        lookup = user.__dict__.pop(_LOOKUP, None)
        device = lookup() if lookup is not None else None
        user.__dict__["otp_device"] = device
        return device


class OnDemandOTPMiddleware(OTPMiddleware):
    """OTPMiddleware whose device lookup waits until `otp_device` is read."""

    def _verify_user_sync(self, request, user):
        if not user.is_authenticated:
            return super()._verify_user_sync(request, user)
        # `user` may be the lazy object of AuthenticationMiddleware: setattr reaches the
        # user itself, whose `otp_device` (SessionDevice) pops the lookup on first read.
        setattr(user, _LOOKUP, functools.partial(self._session_device, request, user))
        user.is_verified = functools.partial(is_verified, user)
        return user

    def _session_device(self, request, user):
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        device = self._device_from_persistent_id(persistent_id) if persistent_id else None
        return self._finalize_device(request, user, device)
