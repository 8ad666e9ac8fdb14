"""Security for pages that show hostile text: strict headers, same-origin writes, CSRF tokens on forms.

Why each piece:
- a strict Content-Security-Policy (scripts and styles only from this origin, no inline script, nothing framed,
  no connection elsewhere) makes a ``<script>`` that slipped past escaping inert, and stops a page from leaking
  to a third party;
- the server listens on loopback by default, which does not stop a web page the analyst visits from posting to
  it: so every unsafe request from a browser must come from this origin (``Sec-Fetch-Site`` / ``Origin``), and
  every form also carries a double-submit token bound to a cookie no other site can read.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

CSRF_COOKIE = "veracity_csrf"
CSRF_FIELD = "csrf"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
"""Swagger UI sets element styles from its script; its page alone may use inline styles (never inline script)."""


def forbidden(message: str, fix: str) -> JSONResponse:
    """The one JSON error shape, for a request refused before any route ran."""
    return JSONResponse({"error": "Forbidden", "code": "E403", "message": message, "fix": fix}, status_code=403)


def cross_site(request: Request) -> bool:
    """True when a browser says the request comes from another site (headers a page cannot forge).

    ``Sec-Fetch-Site`` decides when present; otherwise an ``Origin`` other than ours (or the opaque ``null``).
    A client that is not a browser sends neither, and is not a cross-site request.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}"


async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: refuse cross-site writes, then add the security headers (and a CSRF cookie) to every response."""
    if request.method in UNSAFE and cross_site(request):
        response: Response = forbidden("a write from another site was refused",
                                       "post from the veracity pages themselves, or without a browser")
    else:
        response = await call_next(request)
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    if request.url.path == "/docs":
        response.headers["Content-Security-Policy"] = DOCS_CSP
    if CSRF_COOKIE not in request.cookies:
        token = getattr(request.state, "csrf", None) or secrets.token_urlsafe(32)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def csrf_token(request: Request) -> str:
    """The token a form must carry: the cookie's (or a new one, which the middleware then sets as the cookie)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.csrf = token
    return token


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """A form is genuine when its hidden token equals the cookie (constant-time compare)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted and hmac.compare_digest(cookie, submitted))
