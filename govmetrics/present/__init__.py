"""The present stage: tables of facts and their writers (CSV, Markdown, XLSX,
LaTeX, Parquet) and charts (Matplotlib)."""
