"""The pipeline that turns the raw sources of 人工智能国际治理 · 读本 into the reading edition."""
