"""Training: rebuild the shipped models from the gold data in ``../shared`` (``make train``).

Sits above ``evaluate`` because a trainer scores its folds with the same code as ``veracity eval``.
"""
