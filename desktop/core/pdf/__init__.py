"""PDF compilations of articles (ReportLab Platypus, no Qt)."""
