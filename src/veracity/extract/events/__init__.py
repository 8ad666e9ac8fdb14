"""Events: attack triggers, types, counts, places and dates found by rules, then the learned steps that merge
mentions of one incident and choose each incident's date and place."""
