"""Assertions by rule: attributed claims (who says, asserts or denies, hedged or not) and settled relations in the
report's own voice, with the reporting cues, quotation runs, denials and the bridge from event roles. The learned
statement model (:mod:`veracity.extract.statements`) reads these as features and proposes its own."""
