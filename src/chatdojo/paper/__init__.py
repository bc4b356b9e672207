"""Paper-savings analytics for managers (issue 5).

Pure pandas calculation modules (no widgets):

- ``calculations`` — the registry of named figures (対前年比 / ratio, 削減率 / reduction
  rate, annualized, what-if, paper weight, CO2, per person)
- ``io`` / ``cells`` / ``columns`` — read CSV (UTF-8, BOM, CP932) or .xlsx, column mappings,
  validation with ``PaperInputError`` naming file, row and column
- ``periods`` / ``compare`` — year-over-year windows and the comparison tables
- ``joblog`` — vectorized monthly summary of print-job logs
- ``case_study`` — the 003 §5 case from its figures, both readings of "56%"
- ``narrative`` / ``fmt`` / ``labels`` — read-aloud summaries and ja/en labels

Output files: ``charts`` (matplotlib), ``export`` (xlsx, pptx, png), ``downloads``
(those files as escaped ``data:`` links), ``template`` (blank tables to fill in).
No widgets here: the pages live in ``chatdojo.views`` (``paper_page``,
``paper_dashboard``, ``paper_case_view``, ``paper_html``). The CLI lives in
``chatdojo.commands.paper``.
"""

from chatdojo.paper.errors import Issue, PaperInputError

__all__ = ["Issue", "PaperInputError"]
