"""Review and judgement markings on the ids the rows are stored under.

Before this revision the writer marked a review (and a resolution judgement) written without a creation time
under the id of the *unstamped* record, while the row is stored under the id that includes its creation time.
The row then had no marking, and an unmarked row counts as CLEAR: a RED review was readable by every
organisation. This revision moves each such marking (and its sharing groups) onto the stored row's id. The
unstamped id is recomputed from the row itself (the same content hash the records use), so nothing is guessed.

Downgrading leaves the corrected markings where they are: putting them back would reopen the leak.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from veracity.model.ids import content_hash

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_markings = sa.table("markings", sa.column("kind", sa.String), sa.column("ident", sa.String))
_groups = sa.table("marking_groups", sa.column("kind", sa.String), sa.column("ident", sa.String))
_reviews = sa.table("reviews", *(sa.column(c, sa.String) for c in ("id", "assertion_id", "verdict", "note",
                                                                    "reviewer")))
_judgements = sa.table("judgements", *(sa.column(c, sa.String) for c in ("id", "left", "right", "sameness",
                                                                          "user")))


def _rekey(conn: sa.Connection, kind: str, moves: dict[str, str]) -> None:
    """Move markings of ``kind`` from an unstamped id to the stored row's id (where the row has none yet)."""
    marked = set(conn.execute(sa.select(_markings.c.ident).where(_markings.c.kind == kind)).scalars())
    for old, new in moves.items():
        if old in marked and new not in marked and old != new:
            for table in (_markings, _groups):
                conn.execute(sa.update(table).where(table.c.kind == kind, table.c.ident == old).values(ident=new))


def upgrade() -> None:
    conn = op.get_bind()
    reviews = {content_hash("review", r.assertion_id, r.verdict, r.note, r.reviewer, ""): r.id
               for r in conn.execute(sa.select(_reviews))}
    _rekey(conn, "review", reviews)
    judgements = {content_hash("judgement", j.left, j.right, j.sameness, j.user, ""): j.id
                  for j in conn.execute(sa.select(_judgements))}
    _rekey(conn, "judgement", judgements)


def downgrade() -> None:
    """Nothing to undo (see the module docstring)."""
