"""Assessment: propositions, independent lines of reporting, grades with their reasons, competing hypotheses.

``assess(evidence, ...)`` grades hand-made or stored evidence; ``assess_view(view, ...)`` asks a store. Every
number the model uses is in ``veracity/model/data/weights.yaml`` (see docs/ASSESSMENT.md).
"""

from veracity.assess.ach import Matrix, ach
from veracity.assess.grade import Assessor, Grade, assess, grade_of
from veracity.assess.independence import Line, Scored, cluster_lines
from veracity.assess.propositions import Proposition, group, proposition_id
from veracity.assess.service import ach_view, assess_view, explain_view, explanation
from veracity.assess.weights import Weights, load_weights

__all__ = [
    "Assessor", "Grade", "Line", "Matrix", "Proposition", "Scored", "Weights", "ach", "ach_view", "assess",
    "assess_view", "cluster_lines", "explain_view", "explanation", "grade_of", "group", "load_weights",
    "proposition_id",
]
