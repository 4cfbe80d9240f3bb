"""Pages of the register's list that are read without counting every document.

A page reads the ids of its rows first, one row more than it shows to know whether a next
one exists, then those rows with everything they are shown with: the joins and the
prefetched files are read for the fifty rows of the page, not for every match that the
database sorts to find them (a search for a common word matches half the register). The list
says how many documents match only up to `COUNT_LIMIT` ("More than 1000 documents"
beyond): counting stops there, so its cost does not grow with the register. The exact
total is still there (`paginator.count`), counted only when asked for."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Page, Paginator

COUNT_LIMIT = 1000
# A page number further than this is read as this one: OFFSET stays a reasonable number.
MAX_PAGE = 10_000


class ListPaginator(Paginator):
    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            return 1
        return min(max(number, 1), MAX_PAGE)

    def get_page(self, number) -> ListPage:
        return self.page(number)

    def page(self, number) -> ListPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(
            self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page + 1]
        )
        shown = ids[: self.per_page]
        rows = (
            {row.pk: row for row in self.object_list.filter(pk__in=shown).order_by()}
            if shown
            else {}
        )
        return ListPage(
            [rows[pk] for pk in shown if pk in rows],
            number,
            self,
            has_next=len(ids) > self.per_page,
        )

    def count_up_to(self, limit: int) -> int:
        """The number of rows, counted no further than `limit` + 1."""
        return self.object_list.order_by()[: limit + 1].count()


class ListPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        return self.paginator.per_page * (self.number - 1) + len(self.object_list)

    @property
    def count_limit(self) -> int:
        return COUNT_LIMIT

    @cached_property
    def matching(self) -> int | None:
        """How many rows match, or None: more than `COUNT_LIMIT`. Always one query, also
        when everything fits on one page, so that a page's queries do not vary with its
        rows."""
        found = self.paginator.count_up_to(COUNT_LIMIT)
        return found if found <= COUNT_LIMIT else None

    def __repr__(self) -> str:
        return f"<Page {self.number}>"
