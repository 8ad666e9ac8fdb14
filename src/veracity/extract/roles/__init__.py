"""Event roles: the learned MUC-4 role model (perpetrator, target, victim, weapon) over candidate fillers."""
