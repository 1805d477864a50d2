"""Who may see what: roles, and the retrieval scope each one gets.

Exempt (Part II) papers are visible to members and officers only. The scope is applied inside
retrieval, as a filter both retrievers apply before fusion and ranking (vectorstore.filters), so an
answer for a public caller is never shaped by exempt text; passages and document lists check the
same rule when asked for by id.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal, get_args

from vectorstore.filters import SearchFilters

Role = Literal["public", "member", "officer"]
ROLES: tuple[Role, ...] = get_args(Role)
LOCAL_ROLE: Role = "officer"  # the local user of a server with no keys, and of the command line


def sees_exempt(role: Role) -> bool:
    return role in ("member", "officer")


def may_see(role: Role, access: str) -> bool:
    """Whether a caller in `role` may see a paper or passage whose access is `access`."""
    return access != "exempt" or sees_exempt(role)


def scoped(filters: SearchFilters | None, role: Role) -> SearchFilters | None:
    """The caller's filters narrowed to what the role may see (None still means "everything")."""
    if sees_exempt(role):
        return filters
    return replace(filters or SearchFilters(), public_only=True)


def may_change_papers(role: Role) -> bool:
    """Uploading and removing papers is an officer's job."""
    return role == "officer"
