"""Dependencies shared by routes: the store, a fresh read-only view per request, the settings, paging."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from veracity.serve.web.listing import MAX_LIMIT, Paging
from veracity.settings import Settings
from veracity.store import Store, View


def get_store(request: Request) -> Store:
    """The store the app was opened on, as the signed-in user (scoped, marking and auditing) on a team server."""
    from veracity.serve.web.auth import request_store

    return request_store(request)


def get_view(request: Request) -> View:
    """A fresh read-only view per request, so judgements and reviews written a moment ago are seen."""
    return get_store(request).view()


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_paging(offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
               sort: Annotated[str | None, Query(max_length=40, description="field; -field sorts descending")] = None,
               ) -> Paging:
    return Paging(offset, limit, sort or None)


StoreDep = Annotated[Store, Depends(get_store)]
ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PagingDep = Annotated[Paging, Depends(get_paging)]
AsOf = Annotated[str | None, Query(alias="as-of", max_length=10, description="YYYY[-MM[-DD]]")]
DateFrom = Annotated[str | None, Query(alias="from", max_length=10, description="YYYY[-MM[-DD]]")]
DateTo = Annotated[str | None, Query(alias="to", max_length=10, description="YYYY[-MM[-DD]]")]
Name = Annotated[str | None, Query(max_length=200)]


def extractor(request: Request) -> Any:
    """The extractor for uploads, loaded on first use (spaCy takes seconds) and kept by the app."""
    if getattr(request.app.state, "extractor", None) is None:
        from veracity.extract import Extractor

        s = get_settings(request)
        request.app.state.extractor = Extractor(model=s.spacy_model, statements=s.statements)
    return request.app.state.extractor
