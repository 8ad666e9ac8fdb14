"""Signing in to a team server: bearer tokens for the API, a login form and expiring session cookies for pages,
and the role each request needs. A store without users is the embedded store and nothing here applies.

Why it is one middleware: every route, present and future, is covered without remembering a decorator. Reading
is for every role; any write (POST, PUT, PATCH, DELETE) needs ``analyst``; ``/api/audit`` needs ``admin``. What
a signed-in user may *see* is not decided here but in storage: the request's store is scoped to the user's
organisation (``Store.acting``), so every view it opens reads only visible rows.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from veracity.serve.web.render import render
from veracity.serve.web.security import csrf_ok, forbidden
from veracity.store import Store, audit
from veracity.store import accounts as acc
from veracity.store.marking import Actor, Marking

SESSION_COOKIE = "veracity_session"
OPEN_PATHS = ("/login", "/static/", "/vendor/", "/docs-assets/")
"""Reachable without signing in: the login form and the pages' public scripts and styles."""
ADMIN_PATHS = ("/api/audit",)
DEFAULT_TLP = "AMBER"
"""A team user's new documents and reviews are readable by their own organisation only, unless they say more."""
router = APIRouter()


def _remote(request: Request) -> str:
    return request.client.host if request.client else ""


def _unauthorised(request: Request, message: str) -> Response:
    if request.url.path.startswith(("/api", "/taxii2")) or request.url.path == "/openapi.json" \
            or request.method != "GET":
        return JSONResponse({"error": "Unauthorised", "code": "E110", "message": message,
                             "fix": "send `Authorization: Bearer TOKEN` or sign in at /login"},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _principal(request: Request, store: Store) -> acc.Principal:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        who = acc.token_principal(store, header[7:].strip())
        audit.append(store, who.user, "token", f"{request.method} {request.url.path}", org=who.org,
                     remote=_remote(request))
        return who
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        return acc.session_principal(store, secret)
    raise acc.Unauthorised("sign in first", fix="send a bearer token or sign in at /login")


async def authenticate(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: on a team server, find who is asking and refuse what their role does not allow."""
    store: Store = request.app.state.store
    path = request.url.path
    if path.startswith(OPEN_PATHS) or not await run_in_threadpool(acc.team_mode, store):
        return await call_next(request)
    try:  # database reads and argon2 off the event loop, so one request's sign-in does not stall the others
        who = await run_in_threadpool(_principal, request, store)
    except acc.Unauthorised as exc:
        return _unauthorised(request, exc.message)
    if path.startswith(ADMIN_PATHS) and not who.may("admin"):
        return forbidden(f"{who.role}s may not read {path}", "ask an admin")
    if request.method not in ("GET", "HEAD", "OPTIONS") and path != "/logout" and not who.may("analyst"):
        return forbidden("viewers may only read", "ask an admin for the analyst role")
    request.state.principal = who
    return await call_next(request)


def principal(request: Request) -> acc.Principal | None:
    """The signed-in user of this request (``None`` on the embedded store)."""
    who: acc.Principal | None = getattr(request.state, "principal", None)
    return who


def request_store(request: Request, tlp: str | None = None, share: tuple[str, ...] = ()) -> Store:
    """The app's store as this request's user: views scoped to their organisation, writes marked and audited."""
    store: Store = request.app.state.store
    who = principal(request)
    if who is None:
        return store
    marking = Marking(who.org, tlp or DEFAULT_TLP, share)
    return store.acting(Actor(who.user, who.org, _remote(request)), marking, who.scope())


def author(request: Request, claimed: str | None, default: str, what: str = "reviewer") -> str:
    """Who a review or judgement is by: on a team server the signed-in user, whatever the body says.

    Why: a body field is whatever the client typed, so trusting it would let any analyst write a verdict in a
    colleague's name (the audit row would name the real user, the review row the forged one). A body naming
    someone else is refused (403) rather than silently rewritten, so a client that meant another name learns at
    once; naming oneself, or no one, is fine. The embedded store has no sign-in and keeps the body's name.
    """
    who = principal(request)
    return _own(claimed, default, who.user if who else None, what)


def author_org(request: Request, claimed: str | None, what: str = "organisation") -> str:
    """:func:`author` for the organisation a judgement is made for: the signed-in user's on a team server."""
    who = principal(request)
    return _own(claimed, "", who.org if who else None, what)


def _own(claimed: str | None, default: str, actual: str | None, what: str) -> str:
    given = (claimed or "").strip()
    if actual is None:
        return given or default
    if given not in ("", actual):
        raise acc.Forbidden(f"signed in as {actual!r}, you may not write as {given!r}",
                            fix=f"leave out {what!r}: on a team server it is the signed-in user's")
    return actual


def audit_export(request: Request, fmt: str, about: str | None) -> None:
    """Record an export on a team server (what left, for whom)."""
    who = principal(request)
    if who is not None:
        audit.append(request.app.state.store, who.user, "export", fmt, org=who.org, remote=_remote(request),
                     detail={"about": about})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    """The sign-in form (the embedded store has none to sign in to, and shows it anyway)."""
    return render(request, "login.html", next=_safe_next(next), failed=False)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, user: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=200)], csrf: Annotated[str, Form(max_length=100)] = "",
          next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    """Check the password, open a session (cookie for 8 hours) and go back where the user was heading."""
    if not csrf_ok(request, csrf):
        return forbidden("the form's token did not match", "reload the page and submit the form again")
    store: Store = request.app.state.store
    try:
        secret, who = acc.login(store, user, password)
    except acc.Unauthorised:
        audit.append(store, user, "login.failed", remote=_remote(request))
        return render(request, "login.html", status=401, next=_safe_next(next), failed=True)
    audit.append(store, who.user, "login", org=who.org, remote=_remote(request))
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, max_age=acc.SESSION_HOURS * 3600, httponly=True, samesite="strict",
                        path="/", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """End the session."""
    if not csrf_ok(request, csrf):
        return forbidden("the form's token did not match", "reload the page and submit the form again")
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        acc.logout(request.app.state.store, secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _safe_next(value: str) -> str:
    """Only a path on this server (never ``//host`` or a scheme), so the form cannot send anyone elsewhere."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"
