"""Shared text machinery every facet reads: cue lexicons, the exact phrase matcher, the token table, the date
reader and the linear models behind the learned steps. Nothing here knows about actors, events or claims."""
