"""Statements (claims and relations) by a learned model over the rules' actors, places and events.

``nodes`` proposes what can be linked in a sentence, ``candidates`` pairs them with their features, ``linear``
holds the models' weights, ``component`` decides and writes assertions. Trained by ``veracity.train.statements``.
"""
