"""SCORM 1.2 export: a module's guide and quiz as one static page in a content package.

``data`` turns a module into the JSON the page's script reads, ``manifest`` writes and
checks ``imsmanifest.xml``, ``package`` builds the zip. The browser side lives in
``static/`` (``scoring.js`` mirrors the quiz engine question type by question type;
``runtime.js`` talks to the LMS; ``quiz.js`` draws the page).
"""
