"""Celery tasks of the DIEF's expert procedure (ToR art. 8). Each takes an id, calls a
service and is idempotent: the service claims its act on the proposal's row."""

from celery import shared_task

from .services.experts import (
    expert_procedure_close_silence,
    expert_procedure_refer,
    expert_procedures_advance,
)


@shared_task(name="forums.close_silence_procedure", acks_late=True)
def close_silence_procedure(proposal_id: int) -> bool:
    return expert_procedure_close_silence(proposal_id=proposal_id)


@shared_task(name="forums.refer_unresolved_objections", acks_late=True)
def refer_unresolved_objections(proposal_id: int) -> bool:
    return expert_procedure_refer(proposal_id=proposal_id)


@shared_task(name="forums.advance_expert_procedures", acks_late=True)
def advance_expert_procedures() -> dict[str, int]:
    """Beat runs this every hour."""
    return expert_procedures_advance()
