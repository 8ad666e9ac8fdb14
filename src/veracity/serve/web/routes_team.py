"""Team-server API routes: who am I, the audit log (admins), and changing a marking (the owner organisation)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from veracity.model.errors import InvalidInput
from veracity.serve.web.auth import principal, request_store
from veracity.store import audit
from veracity.store.marking import KINDS, Marking, marking_of, set_marking

router = APIRouter(prefix="/api", tags=["team"])


class MarkingIn(BaseModel):
    """A new marking for a row your organisation owns."""

    kind: str = Field(max_length=10, description="document | review | judgement")
    id: str = Field(max_length=300)
    tlp: str = Field(max_length=20, description="CLEAR GREEN AMBER AMBER+STRICT RED")
    share: list[str] = Field(default_factory=list, max_length=50, description="sharing groups")


@router.get("/me")
def me(request: Request) -> dict[str, Any]:
    """The signed-in user, their organisation, role and sharing groups (all null on the embedded store)."""
    who = principal(request)
    if who is None:
        return {"user": None, "org": None, "role": None, "groups": []}
    return {"user": who.user, "org": who.org, "role": who.role, "groups": sorted(who.groups)}


@router.get("/audit")
def audit_log(request: Request, user: Annotated[str | None, Query(max_length=100)] = None,
              action: Annotated[str | None, Query(max_length=40)] = None,
              since: Annotated[str | None, Query(max_length=32)] = None,
              limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> list[dict[str, Any]]:
    """The audit log, newest first (``veracity audit``); admins only on a team server."""
    return audit.entries(request.app.state.store, user=user, action=action, since=since, limit=limit)


@router.post("/markings")
def remark(request: Request, body: MarkingIn) -> dict[str, Any]:
    """Change the marking of a document, review or judgement your organisation owns (404 for any other)."""
    who = principal(request)
    if who is None:
        raise InvalidInput("markings belong to organisations", fix="add users first (`veracity user add`)")
    if body.kind not in KINDS:
        raise InvalidInput(f"cannot mark a {body.kind!r}", fix=f"mark one of {', '.join(KINDS)}")
    store = request_store(request)
    ident = store.view().document(body.id).id if body.kind == "document" else body.id
    new = Marking(who.org, body.tlp, tuple(body.share))
    with store.writer() as w:
        old = marking_of(w.connection, body.kind, ident)
        if old is None:
            from veracity.model.errors import NotFound

            raise NotFound(f"no {body.kind} {body.id!r} that your organisation owns",
                           fix="only the owner organisation can change a marking")
        set_marking(w.connection, body.kind, ident, new, by_org=who.org)
        audit.record(w.connection, who.user, "mark", f"{body.kind}:{ident}", org=who.org,
                     remote=request.client.host if request.client else "",
                     detail={"tlp": new.tlp, "groups": list(new.groups), "was": old.tlp})
    return {"kind": body.kind, "id": ident, "owner_org": new.owner_org, "tlp": new.tlp, "groups": list(new.groups)}
