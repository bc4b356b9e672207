"""ChatDojo: training toolkit for business chat, groupware and cloud-system rules."""

__version__ = "0.1.0"

# The composition root of the content plugins: the lowest layer, ``chatdojo.content``,
# imports no engine; it imports these ("module:attribute") when it builds a catalogue.
CONTENT_PLUGINS: dict[str, str | tuple[str, ...]] = {
    "question_types": "chatdojo.quiz.types:QUESTION_TYPES",
    "loaders": (
        "chatdojo.scenario.loader:load_scenarios",  # quizzes/scenarios/**/*.md
        "chatdojo.advisor.check:check_advisor_content",  # the advisor's table and quiz
    ),
}
