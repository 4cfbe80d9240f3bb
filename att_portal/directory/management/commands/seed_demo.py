from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from att_portal import demo


class Command(BaseCommand):
    help = "Seed the demo data and demo accounts (refused unless DEBUG and DEMO_MODE are on)."

    def handle(self, *args, **options):
        if not (settings.DEBUG and settings.DEMO_MODE):
            raise CommandError("Demo data is seeded only with DEBUG=true and DEMO_MODE=true.")
        usernames = demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo accounts (password: {demo.demo_password()}):")
        for username in usernames:
            self.stdout.write(f"  {username}")
