"""Team-server commands: ``org``, ``group``, ``user``, ``token``, ``mark`` and ``audit`` (docs/TEAM.md).

A store with users is a team server: ``veracity serve`` then asks every request to sign in. The CLI itself is
the operator's: whoever can open the database file (or reach PostgreSQL as its owner) administers it, so these
commands take no token; each is written to the audit log as user ``cli``.
"""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table

from veracity.serve.app import console, escape, handle_errors, open_store

org_app = typer.Typer(name="org", help="Organisations of a team server.", no_args_is_help=True)
group_app = typer.Typer(name="group", help="Sharing groups: organisations that may read each other's AMBER.",
                        no_args_is_help=True)
user_app = typer.Typer(name="user", help="Users of a team server (viewer, analyst, admin).", no_args_is_help=True)
token_app = typer.Typer(name="token", help="API tokens (`Authorization: Bearer TOKEN`).", no_args_is_help=True)


def ingest_marking(tlp: str | None, share: list[str], org: str | None) -> Any:
    """The marking ``veracity ingest --tlp --share --org`` gives new documents (``None``: unmarked, as before)."""
    from veracity.model.errors import InvalidInput
    from veracity.store.marking import Marking, clean_tlp

    if tlp is None and not share and org is None:
        return None
    if not org:
        raise InvalidInput("a marked document needs its owner organisation", fix="add --org ORG (see `veracity org`)")
    return Marking(org, clean_tlp(tlp or "AMBER"), tuple(share))


def _audit(action: str, target: str, **detail: Any) -> None:
    from veracity.store import audit

    audit.append(open_store(), "cli", action, target, detail=detail)


@org_app.command("add")
@handle_errors
def org_add(name: str = typer.Argument(..., help="Organisation name.")) -> None:
    """Create an organisation."""
    from veracity.store.accounts import add_org

    add_org(open_store(), name)
    _audit("org.add", name)
    console.print(f"organisation {escape(name)} added")


@group_app.command("add")
@handle_errors
def group_add(name: str = typer.Argument(..., help="Sharing group name."),
              org: list[str] = typer.Option([], "--org", help="Member organisation (repeatable).")) -> None:
    """Create a sharing group, or add member organisations to it."""
    from veracity.store.accounts import add_group

    add_group(open_store(), name, org)
    _audit("group.add", name, orgs=org)
    console.print(f"sharing group {escape(name)}: {escape(', '.join(org)) or 'no new members'}")


@user_app.command("add")
@handle_errors
def user_add(name: str = typer.Argument(..., help="User name (what the audit log shows)."),
             org: str = typer.Option(..., "--org", help="The user's organisation."),
             role: str = typer.Option("viewer", "--role", help="viewer | analyst | admin"),
             password: str = typer.Option(None, "--password", envvar="VERACITY_PASSWORD",
                                          help="Password for the web login (env VERACITY_PASSWORD); none: API only."),
             ) -> None:
    """Create a user and print their API token once (only its argon2 hash is stored)."""
    from veracity.store.accounts import add_user

    token = add_user(open_store(), name, org, role, password)
    _audit("user.add", name, org=org, role=role)
    console.print(f"user {escape(name)} ({escape(role)} of {escape(org)}) added; API token, shown once:")
    typer.echo(token)


@user_app.command("list")
@handle_errors
def user_list() -> None:
    """Users with organisation, role and live token ids."""
    from veracity.store.accounts import users

    table = Table("user", "org", "role", "password", "tokens")
    for u in users(open_store()):
        table.add_row(escape(u["name"]), escape(u["org"]), str(u["role"]), "yes" if u["password"] else "no",
                      escape(", ".join(u["tokens"])))  # type: ignore[arg-type]
    console.print(table)


@token_app.command("add")
@handle_errors
def token_add(user: str = typer.Argument(..., help="User name.")) -> None:
    """Issue another API token for a user (printed once)."""
    from veracity.store.accounts import issue_token

    token = issue_token(open_store(), user)
    _audit("token.add", user, token=token.split("_")[1])
    typer.echo(token)


@token_app.command("revoke")
@handle_errors
def token_revoke(token: str = typer.Argument(..., help="The token, or its id (the part after `vt_`).")) -> None:
    """Revoke an API token: the next request that presents it is refused."""
    from veracity.store.accounts import revoke_token

    ident = revoke_token(open_store(), token)
    _audit("token.revoke", ident)
    console.print(f"token {escape(ident)} revoked")


def mark(kind: str = typer.Argument(..., help="document | review | judgement"),
         ident: str = typer.Argument(..., help="Its id (a document also by name)."),
         tlp: str = typer.Option(..., "--tlp", help="CLEAR GREEN AMBER AMBER+STRICT RED"),
         share: list[str] = typer.Option([], "--share", help="Sharing group (repeatable)."),
         org: str = typer.Option(..., "--org", help="Owner organisation.")) -> None:
    """Set or change the marking of a stored row (the operator's CLI may re-mark anything)."""
    from veracity.store.marking import Marking, set_marking

    store = open_store()
    if kind == "document":
        ident = store.view().document(ident).id
    with store.writer() as w:
        set_marking(w.connection, kind, ident, Marking(org, tlp, tuple(share)))
    _audit("mark", f"{kind}:{ident}", tlp=tlp, groups=share, org=org)
    console.print(f"{kind} {escape(ident[:12])} marked {escape(tlp)} for {escape(org)}")


def audit(user: str = typer.Option(None, "--user"), action: str = typer.Option(None, "--action"),
          since: str = typer.Option(None, "--since", help="ISO 8601 time, e.g. 2026-12-07T10:00"),
          limit: int = typer.Option(200, "--limit"),
          as_json: bool = typer.Option(False, "--json", help="One JSON object per line.")) -> None:
    """The audit log, newest first: who did what, when, from where."""
    from veracity.store.audit import entries

    rows = entries(open_store(), user=user, action=action, since=since, limit=limit)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table("#", "at", "user", "org", "action", "target", "from")
    for r in rows:
        table.add_row(str(r["seq"]), r["at"], escape(r["user"]), escape(r["org"] or ""), escape(r["action"]),
                      escape(r["target"][:60]), escape(r["remote"]))
    console.print(table)


def pull(url: str = typer.Argument(..., help="The peer's TAXII URL (…/taxii2/) or API root (…/taxii2/api/)."),
         collection: str = typer.Option(..., "--collection", help="Collection id, alias or title."),
         token: str = typer.Option(..., "--token", envvar="VERACITY_PULL_TOKEN",
                                   help="Bearer token of a user on the peer (env VERACITY_PULL_TOKEN)."),
         org: str = typer.Option(None, "--org", help="Organisation here that owns the pulled rows."),
         share: list[str] = typer.Option([], "--share", help="Share on with this group here (repeatable)."),
         since: str = typer.Option(None, "--since", help="Read objects added after this time, not the cursor.")
         ) -> None:
    """Pull a peer's TAXII 2.1 collection: the same documents and lines, their origin and TLP kept."""
    from veracity.analyse.taxii import pull as pull_collection
    from veracity.model.errors import InvalidInput
    from veracity.store.accounts import team_mode

    store = open_store()
    if org is None and team_mode(store):
        raise InvalidInput("pulled rows on a team server need an owner organisation", fix="add --org ORG")
    done = pull_collection(store, url, collection, token, org=org, share=tuple(share), since=since)
    console.print(f"{done.objects} objects read: {done.documents} new documents, {done.assertions} new assertions, "
                  f"{done.known} documents already here, {done.altered} altered lines refused, "
                  f"{done.reviews} new reviews")
    for origin, n in sorted(done.origins.items()):
        console.print(f"  from {escape(origin)}: {n} documents")


def register(app: typer.Typer) -> None:
    """Add the team commands."""
    for sub in (org_app, group_app, user_app, token_app):
        app.add_typer(sub)
    app.command(name="mark")(handle_errors(mark))
    app.command(name="audit")(handle_errors(audit))
    app.command(name="pull")(handle_errors(pull))
