"""Organisations, users, API tokens and login sessions of a team server; secrets are stored only as hashes.

Passwords and API tokens are hashed with argon2id (``argon2-cffi``). A token reads ``vt_<id>_<secret>``: the id
finds the row with one indexed lookup and the secret is verified against its argon2 hash, so a stolen database
yields no usable token. A verified (token, hash) pair is remembered in the process, so a client's every request
does not pay argon2's deliberate cost again; revocation and the user's role are still read from the database on
every request, so ``veracity token revoke`` takes effect at once, in every server process.

Session cookies carry 32 random bytes; the table holds their SHA-256 (a random secret of that size needs no slow
hash) and an expiry time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, insert, select, update

from veracity.model.errors import InvalidInput, NotFound, VeracityError
from veracity.store import Store
from veracity.store import rows as R
from veracity.store import schema as S
from veracity.store.marking import Scope

ROLES = ("viewer", "analyst", "admin")
"""Each role may do what the ones before it may: read; then write, review and judge; then read the audit log."""
TOKEN_PREFIX = "vt_"
SESSION_HOURS = 8
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
"""argon2id at OWASP's minimum recommended cost (19 MiB, 2 passes): tens of milliseconds per check."""
_VERIFIED: dict[str, str] = {}
"""SHA-256 of a presented token -> the argon2 hash it was verified against (per process)."""


class Unauthorised(VeracityError):
    """Missing, wrong, revoked or expired credentials (HTTP 401)."""

    code = "E110"
    exit_code = 2


class Forbidden(VeracityError):
    """Signed in, but the role does not allow this (HTTP 403)."""

    code = "E120"
    exit_code = 2


@dataclass(frozen=True, slots=True)
class Principal:
    """A signed-in user: who, of which organisation, with which role, in which sharing groups."""

    user: str
    org: str
    role: str
    groups: frozenset[str] = frozenset()

    def scope(self) -> Scope:
        return Scope(self.org, self.groups)

    def may(self, role: str) -> bool:
        """True when this user's role is ``role`` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def team_mode(store: Store) -> bool:
    """A store with users is a team server: every request must sign in. Without users it is the embedded store."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(S.users)).scalar_one() > 0


def add_org(store: Store, name: str) -> None:
    """Create an organisation (names are what markings and sharing groups refer to)."""
    name = _name(name, "organisation")
    with store.writer() as w:
        if w.connection.execute(select(S.organisations.c.name).where(S.organisations.c.name == name)).first():
            raise InvalidInput(f"the organisation {name!r} exists", fix="choose another name")
        w.connection.execute(insert(S.organisations).values(name=name, created_at=R.now()))


def add_group(store: Store, name: str, orgs: list[str]) -> None:
    """Create a sharing group, or add organisations to it."""
    name = _name(name, "sharing group")
    with store.writer() as w:
        conn = w.connection
        if not conn.execute(select(S.sharing_groups.c.name).where(S.sharing_groups.c.name == name)).first():
            conn.execute(insert(S.sharing_groups).values(name=name, created_at=R.now()))
        for org in orgs:
            _org(conn, org)
            gm = S.group_members
            if not conn.execute(select(gm.c.org).where(gm.c.group_name == name, gm.c.org == org)).first():
                conn.execute(insert(gm).values(group_name=name, org=org))


def add_user(store: Store, name: str, org: str, role: str, password: str | None = None) -> str:
    """Create a user and return their first API token (shown once: only its hash is kept)."""
    name = _name(name, "user")
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}", fix=f"use one of {', '.join(ROLES)}")
    with store.writer() as w:
        _org(w.connection, org)
        if w.connection.execute(select(S.users.c.name).where(S.users.c.name == name)).first():
            raise InvalidInput(f"the user {name!r} exists", fix="choose another name")
        w.connection.execute(insert(S.users).values(
            name=name, org=org, role=role, created_at=R.now(),
            password_hash=_HASHER.hash(password) if password else None))
    return issue_token(store, name)


def issue_token(store: Store, user: str) -> str:
    """A new API token for ``user``; the caller shows it once."""
    ident, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    with store.writer() as w:
        if not w.connection.execute(select(S.users.c.name).where(S.users.c.name == user)).first():
            raise NotFound(f"no user {user!r}", fix="add one with `veracity user add`")
        w.connection.execute(insert(S.tokens).values(id=ident, user=user, hash=_HASHER.hash(secret),
                                                     created_at=R.now(), revoked_at=None))
    return f"{TOKEN_PREFIX}{ident}_{secret}"


def revoke_token(store: Store, token_or_id: str) -> str:
    """Revoke a token given whole or by its id (the part after ``vt_``); returns the id."""
    ident = token_or_id.removeprefix(TOKEN_PREFIX).split("_", 1)[0]
    with store.writer() as w:
        done = w.connection.execute(update(S.tokens).where(S.tokens.c.id == ident, S.tokens.c.revoked_at.is_(None))
                                    .values(revoked_at=R.now()))
        if done.rowcount != 1:
            raise NotFound(f"no live token {ident!r}", fix="list tokens with `veracity user list`")
    return ident


def users(store: Store) -> list[dict[str, object]]:
    """Users with their organisation, role and live token ids (never a secret)."""
    with store.engine.connect() as conn:
        live = conn.execute(select(S.tokens.c.user, S.tokens.c.id).where(S.tokens.c.revoked_at.is_(None))).all()
        rows = conn.execute(select(S.users).order_by(S.users.c.name)).all()
    return [{"name": r.name, "org": r.org, "role": r.role, "password": bool(r.password_hash),
             "tokens": sorted(t.id for t in live if t.user == r.name)} for r in rows]


def token_principal(store: Store, token: str) -> Principal:
    """The user a bearer token belongs to; :class:`Unauthorised` when it is malformed, unknown or revoked."""
    parts = token.removeprefix(TOKEN_PREFIX).split("_", 1)
    if not token.startswith(TOKEN_PREFIX) or len(parts) != 2:
        raise Unauthorised("the API token is malformed", fix="send `Authorization: Bearer vt_...`")
    with store.engine.connect() as conn:
        row = conn.execute(select(S.tokens).where(S.tokens.c.id == parts[0])).first()
        if row is None or row.revoked_at is not None or not _token_matches(token, parts[1], row.hash):
            raise Unauthorised("the API token is unknown or revoked", fix="ask an admin for a new token")
        return _principal(conn, row.user)


def login(store: Store, user: str, password: str) -> tuple[str, Principal]:
    """Check a password and open a session: (cookie secret, principal). The same error for any failure."""
    with store.engine.connect() as conn:
        row = conn.execute(select(S.users).where(S.users.c.name == user)).first()
    stored = row.password_hash if row is not None else None
    try:
        if not stored or not _HASHER.verify(stored, password):
            raise VerificationError
    except (VerificationError, InvalidHashError):
        raise Unauthorised("wrong user name or password", fix="try again, or ask an admin") from None
    secret = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store.writer() as w:
        w.connection.execute(insert(S.sessions).values(
            id=_sha(secret), user=user, created_at=now.isoformat(timespec="seconds"),
            expires_at=(now + timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")))
        return secret, _principal(w.connection, user)


def session_principal(store: Store, secret: str) -> Principal:
    """The user of a live session cookie; :class:`Unauthorised` when unknown or expired."""
    with store.engine.connect() as conn:
        row = conn.execute(select(S.sessions).where(S.sessions.c.id == _sha(secret))).first()
        if row is None or row.expires_at <= datetime.now(UTC).isoformat(timespec="seconds"):
            raise Unauthorised("the session has expired", fix="sign in again at /login")
        return _principal(conn, row.user)


def logout(store: Store, secret: str) -> None:
    """End a session (its row is kept, expired now, so the audit trail keeps its span)."""
    with store.writer() as w:
        w.connection.execute(update(S.sessions).where(S.sessions.c.id == _sha(secret))
                             .values(expires_at=R.now()))


def _principal(conn: Connection, user: str) -> Principal:
    row = conn.execute(select(S.users).where(S.users.c.name == user)).one()
    groups = conn.execute(select(S.group_members.c.group_name).where(S.group_members.c.org == row.org)).scalars()
    return Principal(row.name, row.org, row.role, frozenset(groups))


def _token_matches(token: str, secret: str, stored: str) -> bool:
    key = _sha(token)
    known = _VERIFIED.get(key)
    if known is not None:
        return hmac.compare_digest(known, stored)
    try:
        _HASHER.verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False
    _VERIFIED[key] = stored
    return True


def _org(conn: Connection, org: str) -> None:
    if not conn.execute(select(S.organisations.c.name).where(S.organisations.c.name == org)).first():
        raise InvalidInput(f"no organisation called {org!r}", fix="create it with `veracity org add`")


def _name(value: str, what: str) -> str:
    name = value.strip()
    if not name or len(name) > 100 or any(c in name for c in "\n\r\t,"):
        raise InvalidInput(f"bad {what} name {value!r}", fix="1-100 characters, no commas or line breaks")
    return name


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
