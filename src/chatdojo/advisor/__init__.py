"""Which communication method fits a situation (003 §2, §3): pure Python, no widgets."""

from chatdojo.advisor.engine import Recommendation, UnknownProfile, find_profile, recommend
from chatdojo.advisor.situation import FLAG_NAMES, QUESTIONS, Situation
from chatdojo.advisor.table import METHOD_IDS, Method, TableError, load_methods, read_table

__all__ = [
    "FLAG_NAMES",
    "METHOD_IDS",
    "QUESTIONS",
    "Method",
    "Recommendation",
    "Situation",
    "TableError",
    "UnknownProfile",
    "find_profile",
    "load_methods",
    "read_table",
    "recommend",
]
