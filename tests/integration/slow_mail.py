"""An e-mail backend with the latency of a real SMTP server, so that a test can kill a
worker in the middle of a batch. It waits *before* delivering, as a server that has not
accepted the message yet."""

import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(0.4)
        return super().send_messages(email_messages)
