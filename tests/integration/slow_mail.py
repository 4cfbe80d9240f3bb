"""E-mail backends with the manners of a real SMTP server, so that a test can kill a worker
in the middle of a batch. They write into the file backend's mailbox."""

import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Waits *before* delivering, as a server that has not accepted the message yet."""

    def send_messages(self, email_messages):
        time.sleep(0.4)
        return super().send_messages(email_messages)


class StallAfterDeliveryBackend(EmailBackend):
    """Delivers, then never confirms: a worker killed now has handed the message to the
    server but not recorded it as sent, the one case that sends a message twice."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        time.sleep(3600)
        return sent
