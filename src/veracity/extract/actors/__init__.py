"""Actors: who is named (the registry ruler and the name finder), which surfaces are one actor within a report
(coreference), and the learned filter that drops proposed names a report does not treat as actors."""
