"""Fill a PostgreSQL database with the volume of a portal in use, for `make bench`.

    DATABASE_URL=postgres://… python -m bench.seed [--scale 1.0]

At scale 1: 200 States, 5,000 people, 20,000 DIEF cases and platform items (some 17,000
per-object grants), 50,000 documents with some 172,000 files, 310 meetings with their
timetables, calls, invitations and nominations, and 1,000 proposals of experts — on top
of the demo data, seeded first. `--scale 0.01` makes a tiny version (CI).

Seeding again tops each kind up to its target and otherwise does nothing. Rows are the
ones the portal's services write (the same fields, grants and memberships); where a
service would be too slow for the volume they are written in bulk, without the change
history and the e-mails the services would add.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FULL = {
    "states": 200,
    "people": 5000,
    "shared_items": 20_000,
    "documents": 50_000,
    "meetings": 310,
    "expert_proposals": 1000,
}
# The smallest version still has something of every kind for every page.
MINIMUM = {
    "states": 40,
    "people": 60,
    "shared_items": 20,
    "documents": 20,
    "meetings": 16,
    "expert_proposals": 5,
}


@dataclass(frozen=True)
class Plan:
    scale: float
    targets: dict[str, int]

    @classmethod
    def at(cls, scale: float) -> Plan:
        if scale <= 0:
            raise ValueError("The scale is a positive number (1.0 is the full volume).")
        return cls(
            scale=scale,
            targets={kind: max(MINIMUM[kind], round(n * scale)) for kind, n in FULL.items()},
        )


@dataclass
class Report:
    made: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    @property
    def nothing_made(self) -> bool:
        return not any(self.made.values())


class RefusedDatabase(Exception):
    """The database is not one the bench may fill."""


def check_database() -> None:
    """PostgreSQL only, and never a database that holds a real portal's people."""
    from django.db import connection

    from att_portal.directory.models import User

    from .seed_directory import BENCH_DELEGATE, PEOPLE_PREFIX

    if connection.vendor != "postgresql":
        raise RefusedDatabase(
            "The benchmark runs on PostgreSQL, as the portal in production: set "
            "DATABASE_URL=postgres://user@host:5432/att_bench (SQLite would measure "
            "another database)."
        )
    if User._meta.db_table not in connection.introspection.table_names():
        return  # a new database
    people = User.objects.exclude(is_demo_account=True).exclude(username__startswith=PEOPLE_PREFIX)
    is_ours = User.objects.filter(username__in=[BENCH_DELEGATE, "secretariat"]).exists()
    if people.count() > 50 and not is_ours:
        raise RefusedDatabase(
            "This database holds people who are neither the demo's nor the bench's: the "
            "bench seeds an empty database or one it seeded before, never a portal in use."
        )


def seed(scale: float = 1.0, *, log: Callable[[str], None] = lambda line: None) -> Report:
    """Seed the demo (if absent), then the bench's volume up to `scale`'s targets."""
    from django.test.utils import override_settings

    from att_portal import demo
    from att_portal.directory.models import User

    from . import seed_dief, seed_directory, seed_documents, seed_meetings

    plan = Plan.at(scale)
    report = Report()

    def step(name: str, run: Callable[[], int | tuple[int, ...]], *kinds: str):
        started = time.perf_counter()
        result = run()
        report.seconds[name] = time.perf_counter() - started
        counts = result if isinstance(result, tuple) else (result,)
        for kind, count in zip(kinds or (name,), counts, strict=True):
            report.made[kind] = count
        log(
            f"  {name:<20} "
            + ", ".join(
                f"{count:,} {kind}" for kind, count in zip(kinds or (name,), counts, strict=True)
            )
            + f" ({report.seconds[name]:.1f} s)"
        )

    def demo_seed() -> int:
        if User.objects.filter(username="secretariat", is_demo_account=True).exists():
            return 0
        # The demo refuses to seed with DEBUG off (its accounts must never reach a
        # deployment); a bench database is none, and its demo accounts need the second
        # factor like everyone else since the bench runs with DEBUG off.
        with override_settings(DEBUG=True, DEMO_MODE=True):
            return len(demo.seed())

    step("demo", demo_seed, "demo accounts")
    accounts = seed_directory.bench_accounts_seed()
    step("states", lambda: seed_directory.states_seed(plan.targets["states"]), "States")
    step("people", lambda: seed_directory.people_seed(plan.targets["people"]), "people")
    step("delegation groups", seed_directory.delegation_groups_sync, "memberships")
    secretariat = accounts.secretariat
    step(
        "meetings",
        lambda: seed_meetings.meetings_seed(plan.targets["meetings"], secretariat=secretariat),
        "meetings",
    )
    step("agenda", lambda: seed_meetings.agenda_seed(secretariat=secretariat), "agenda items")
    step(
        "DIEF",
        lambda: seed_dief.shared_items_seed(
            plan.targets["shared_items"], bench_state_id=accounts.delegate.state_id
        ),
        "cases and platform items",
        "grants",
    )
    step(
        "experts",
        lambda: seed_dief.expert_proposals_seed(
            plan.targets["expert_proposals"], secretariat=secretariat
        ),
        "expert proposals",
    )
    step(
        "documents",
        lambda: seed_documents.documents_seed(plan.targets["documents"], secretariat=secretariat),
        "documents",
        "language versions",
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of the full volume (default 1.0)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        check_database()
    except RefusedDatabase as refusal:
        print(f"bench.seed: {refusal}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(
        f"Database {connection.settings_dict['NAME']} migrated "
        f"({time.perf_counter() - started:.1f} s)."
    )
    print(f"Seeding at scale {args.scale} …")
    report = seed(args.scale, log=print)
    if report.nothing_made:
        print("The volume is there already: nothing to do.")
    print(f"Done in {report.total_seconds:.1f} s.")
    # What autovacuum would do some minutes later: the planner's statistics of the tables
    # just filled, so that the first measured run plans as a portal in use would.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Statistics gathered ({time.perf_counter() - started:.1f} s).")
    from .seed_directory import BENCH_DELEGATE, BENCH_SECRETARIAT

    print(
        f"Bench accounts: {BENCH_DELEGATE} and {BENCH_SECRETARIAT} "
        "(password: BENCH_PASSWORD, else att-bench-password)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
