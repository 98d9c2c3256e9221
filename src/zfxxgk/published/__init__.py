"""Published reports: reading text, Markdown, HTML and Word; exporting the tables."""
